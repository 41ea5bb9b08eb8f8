/**
 * The stack's own floor: Apollo Server 5 on newsgraph's node:http integration
 * (src/http/graphql-handler.ts, the stack newsgraph is built on) with Apollo's defaults and no
 * plugins. It answers
 * - the empty request `{ __typename }`: no GraphQL server on this stack can serve a query
 *   faster than this;
 * - `floor(query, variables)`: the floor's hand-written statement for a benchmark query
 *   (floor-sql.ts), its JSON parsed and returned as the field's value: the best SQL served
 *   through this stack, with no schema of the data to resolve or check.
 */
import http from 'node:http';
import pg from 'pg';
import { GraphQLError } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { ApolloServer } from '@apollo/server';
import { graphqlHandler } from '../src/http/graphql-handler.js';
import { floorQuery, type Variables } from './floor-sql.js';

const port = Number(process.env.PORT ?? 5002);
const connectionString = process.env.DATABASE_URL;
const pool = connectionString ? new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) }) : undefined;
pool?.on('error', () => {});

const apollo = new ApolloServer({
  typeDefs: `
    "Any JSON value."
    scalar JSON
    type Query {
      "Always true."
      ok: Boolean!
      "The floor's answer to a benchmark query (bench/floor-sql.ts), as JSON."
      floor(query: String!, variables: JSON): JSON
    }`,
  resolvers: {
    JSON: JSONResolver,
    Query: {
      ok: () => true,
      floor: async (_parent: unknown, { query, variables }: { query: string; variables?: Variables | null }) => {
        const statement = floorQuery(query, variables);
        if (!statement) throw new GraphQLError(`unknown query ${query}`);
        if (!pool) throw new GraphQLError('DATABASE_URL is not set');
        const result = await pool.query<{ json: string | null }>(statement);
        return JSON.parse(result.rows[0]?.json ?? 'null') as unknown;
      },
    },
  },
});
await apollo.start();
const handler = graphqlHandler(apollo, { maxBodyBytes: 100 * 1024, context: async () => ({}) });
const server = http.createServer((req, res) => {
  handler(req, res).catch(() => {
    res.statusCode = 400;
    res.end();
  });
});
server.listen(port, '127.0.0.1', () => console.log(`apollo (bare) ready on ${port}`));
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([apollo.stop(), pool?.end()]).finally(() => process.exit(0));
});
