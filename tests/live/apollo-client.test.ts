import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig, loadConfig } from '../../src/config.js';
import { createServer, type NewsgraphServer } from '../../src/server.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';
import { listen } from '../helpers/server.js';
import { REDIS_URL, redisNamespace } from '../hardening/support/redis.js';
import { post, REPORT, reportingTargets, reportInput, SECRET, sleep, token } from './support.js';

/*
 * Two server instances on one database, each with its own Redis connections (as two processes
 * would have): a real client, @apollo/client with GraphQLWsLink, subscribes on B while an
 * editor writes through A, and its normalised cache shows the new figure.
 */
let database: TestDatabase;
const namespace = redisNamespace();
const servers: NewsgraphServer[] = [];
let urlA: string;
let urlB: string;
let wsClient: Client;
let apollo: ApolloClient;

beforeAll(async () => {
  database = await createSeededDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    auth: authConfig({ AUTH_JWT_SECRET: SECRET }, false),
    redisUrl: REDIS_URL,
    redisKeyPrefix: namespace.prefix,
    rateLimitRequests: 0,
  };
  for (let i = 0; i < 2; i++) servers.push(await createServer(database.handle, config, pino({ level: 'silent' })));
  expect(servers.map((s) => s.live.transport)).toEqual(['redis', 'redis']);
  urlA = `${await listen(servers[0]!)}/graphql`;
  urlB = `${await listen(servers[1]!)}/graphql`;
});
afterAll(async () => {
  apollo?.stop();
  await wsClient?.dispose();
  for (const server of servers) await server.stop();
  await database?.drop();
  await namespace.cleanup();
});

const CHANGED = gql`
  subscription Changed($filter: CasualtyFilter) {
    casualtyChanged(filter: $filter) {
      kind
      casualty {
        id
        revision
        figure {
          best
        }
      }
    }
  }
`;
const CASUALTY = gql`
  query Casualty($id: ID!) {
    node(id: $id) {
      id
      ... on Casualty {
        revision
        figure {
          best
        }
      }
    }
  }
`;

describe(`@apollo/client with GraphQLWsLink across two instances (${testDriver}, Redis)`, () => {
  it('receives a change written on the other instance, and its cache reflects it', async () => {
    const editor = await token({ sub: 'edna', roles: ['EDITOR'] });
    const targets = await reportingTargets(urlA, editor);
    const reported = await post(urlA, REPORT, { input: reportInput(targets, 'IQ', 5) }, editor);
    const id: string = reported.body.data.casualtyReport.casualty.id;

    wsClient = createClient({ url: urlB.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: {} });
    // Apollo's documented split: subscriptions over the socket, queries and mutations over HTTP.
    const link = ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
      },
      new GraphQLWsLink(wsClient),
      new HttpLink({ uri: urlB }),
    );
    apollo = new ApolloClient({ cache: new InMemoryCache(), link });
    // The client's cache holds the record as first read: best 5.
    await apollo.query({ query: CASUALTY, variables: { id } });
    expect(apollo.cache.readQuery<any>({ query: CASUALTY, variables: { id } })?.node.figure.best).toBe(5);

    const received: any[] = [];
    const otherCountry: any[] = [];
    const subscription = apollo.subscribe({ query: CHANGED, variables: { filter: { country: 'IQ' } } }).subscribe({
      next: (result) => received.push(result.data),
    });
    const elsewhere = apollo.subscribe({ query: CHANGED, variables: { filter: { country: 'US' } } }).subscribe({
      next: (result) => otherCountry.push(result.data),
    });
    await sleep(300); // the socket opens lazily, with the first subscription

    const revised = await post(
      urlA,
      `mutation ($input: CasualtyReviseInput!) { casualtyRevise(input: $input) { casualty { id } userErrors { code } } }`,
      {
        input: {
          casualty: id,
          expectedRevision: 1,
          figure: { low: 9, best: 9, high: 9, qualifier: 'EXACT', wording: '9 killed' },
          citation: { source: targets.sourceId, passage: '9 killed' },
          reason: 'recount',
        },
      },
      editor,
    );
    const committedAt = performance.now();
    expect(revised.body.data.casualtyRevise.userErrors).toEqual([]);
    await expect.poll(() => received.length, { timeout: 1_000, interval: 10 }).toBe(1);
    console.info(`write on A → Apollo client on B: ${Math.round(performance.now() - committedAt)} ms after the mutation answered`);
    expect(received[0].casualtyChanged).toMatchObject({ kind: 'REVISED', casualty: { id, revision: 2, figure: { best: 9 } } });
    // Normalised by id: the query's cached record now shows the new figure, without a refetch.
    expect(apollo.cache.readQuery<any>({ query: CASUALTY, variables: { id } })?.node).toMatchObject({ revision: 2, figure: { best: 9 } });
    await sleep(300);
    expect(otherCountry).toEqual([]);
    subscription.unsubscribe();
    elsewhere.unsubscribe();
  });
});
