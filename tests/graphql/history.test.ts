import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig } from '../../src/config.js';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';

/* `history`: the audit trail of a record, newest first, for editors and admins only. */
const secret = 'history-test-secret-of-at-least-32-bytes';
let t: TestServer;
let url: string;
let editor: string;
let admin: string;
const token = (sub: string, roles: string[]) =>
  new SignJWT({ sub, roles, exp: Math.floor(Date.now() / 1000) + 600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));

async function post(query: string, variables: Record<string, unknown> = {}, bearer?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const fullText = 'Officials said “at least 12 people were killed” in the strike. Hospitals later reported 15 dead.';
let sourceId: string;
let casualtyId: string;

beforeAll(async () => {
  t = await startTestServer({ auth: authConfig({ AUTH_JWT_SECRET: secret }, false) });
  url = `${await listen(t.server)}/graphql`;
  editor = await token('edna', ['EDITOR']);
  admin = await token('ada', ['ADMIN']);
  const source = await post(
    `mutation ($input: SourceCreateInput!) { sourceCreate(input: $input) { source { id } userErrors { code } } }`,
    { input: { outlet: 'Wire', title: 'History test strike', fullText } },
    editor,
  );
  sourceId = source.body.data.sourceCreate.source.id;
  const eventId = (await post('{ events(first: 1) { nodes { id } } }')).body.data.events.nodes[0].id;
  const reported = await post(
    `mutation ($input: CasualtyReportInput!) { casualtyReport(input: $input) { casualty { id } userErrors { code } } }`,
    {
      input: {
        event: eventId,
        kind: 'KILLED',
        figure: { low: 12, qualifier: 'AT_LEAST', wording: 'at least 12 people were killed' },
        victims: 'history test victims',
        occurredOn: { date: '2020-01-07', precision: 'DAY' },
        citation: { source: sourceId, passage: 'at least 12 people were killed' },
      },
    },
    editor,
  );
  casualtyId = reported.body.data.casualtyReport.casualty.id;
  const revised = await post(
    `mutation ($input: CasualtyReviseInput!) { casualtyRevise(input: $input) { casualty { revision } userErrors { code } } }`,
    {
      input: {
        casualty: casualtyId,
        expectedRevision: 1,
        figure: { best: 15, qualifier: 'APPROXIMATE', wording: '15 dead' },
        citation: { source: sourceId, passage: 'Hospitals later reported 15 dead.' },
        reason: 'hospitals reported more',
      },
    },
    admin,
  );
  expect(revised.body.data.casualtyRevise).toEqual({ casualty: { revision: 2 }, userErrors: [] });
});
afterAll(() => t?.close());

const HISTORY = `query ($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Casualty { victims history(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { editor mutation table operation changedFields before after at } } } } }`;

describe('history', () => {
  it('lists who changed a record, with which mutation and the stored row before and after, newest first', async () => {
    const { status, body } = await post(HISTORY, { id: casualtyId }, editor);
    expect(status).toBe(200);
    const history = body.data.node.history;
    expect(history.totalCount).toBe(2);
    expect(history.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const [revision, report] = history.nodes;
    expect(revision).toMatchObject({ editor: 'ada', mutation: 'casualtyRevise', table: 'casualties', operation: 'UPDATED' });
    expect(revision.changedFields).toEqual(expect.arrayContaining(['figure_low', 'figure_best', 'figure_qualifier', 'revision']));
    expect(revision.changedFields).not.toContain('victim_description');
    expect([revision.before.figure_low, revision.before.figure_best, revision.after.figure_best]).toEqual([12, null, 15]);
    expect([revision.before.revision, revision.after.revision]).toEqual([1, 2]);
    expect(report).toMatchObject({ editor: 'edna', mutation: 'casualtyReport', operation: 'CREATED', before: null });
    expect(report.after.victim_description).toBe('history test victims');
    expect(Date.parse(revision.at)).toBeGreaterThanOrEqual(Date.parse(report.at));
  });

  it('pages with first/after, and refuses a cursor of another list', async () => {
    const first = (await post(HISTORY, { id: casualtyId, first: 1 }, editor)).body.data.node.history;
    expect(first.nodes.map((n: any) => n.mutation)).toEqual(['casualtyRevise']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await post(HISTORY, { id: casualtyId, first: 1, after: first.pageInfo.endCursor }, editor)).body.data.node.history;
    expect(second.nodes.map((n: any) => n.mutation)).toEqual(['casualtyReport']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const foreign = (await post('{ events(first: 1) { pageInfo { endCursor } } }')).body.data.events.pageInfo.endCursor;
    const refused = await post(HISTORY, { id: casualtyId, after: foreign }, editor);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers one record asked for twice with different page sizes, each with its own page', async () => {
    const q = `query ($id: ID!) { node(id: $id) { ... on Casualty {
      one: history(first: 1) { nodes { mutation } } all: history(first: 5) { nodes { mutation } } } } }`;
    const { one, all } = (await post(q, { id: casualtyId }, editor)).body.data.node;
    expect(one.nodes.map((n: any) => n.mutation)).toEqual(['casualtyRevise']);
    expect(all.nodes.map((n: any) => n.mutation)).toEqual(['casualtyRevise', 'casualtyReport']);
  });

  it('is refused to anonymous readers, who still get the rest of the answer', async () => {
    const { status, body } = await post(HISTORY, { id: casualtyId });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data.node).toEqual({ victims: 'history test victims', history: null });
  });

  it('loads the histories of a whole page of records in one statement', async () => {
    const query = `{ casualties(first: 50) { nodes { id history(first: 5) { nodes { mutation } } } } }`;
    const before = t.statements();
    const { body } = await post(query, {}, editor);
    const statements = t.statements() - before;
    const nodes = body.data.casualties.nodes;
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.find((n: any) => n.id === casualtyId)?.history.nodes.map((n: any) => n.mutation)).toEqual([
      'casualtyRevise',
      'casualtyReport',
    ]);
    // The page of casualties, then one statement for every history on it.
    expect(statements).toBe(2);
  });

  it('shows a source’s creation, and nothing for records only ever imported', async () => {
    const q = `query ($id: ID!) { node(id: $id) { ... on Source { history { nodes { mutation operation } } } } }`;
    const created = (await post(q, { id: sourceId }, editor)).body.data.node.history.nodes;
    expect(created).toEqual([{ mutation: 'sourceCreate', operation: 'CREATED' }]);
    const seeded = (await post('{ actors(first: 1) { nodes { history { totalCount nodes { mutation } } } } }', {}, editor)).body.data;
    expect(seeded.actors.nodes[0].history).toEqual({ totalCount: 0, nodes: [] });
  });
});
