import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { dataOf, listen, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Cursors belong to one connection, order and grouping. The connections, their orders and their
 * groupings are read from the served schema, so a connection added later is covered without
 * touching this file (or fails the coverage test below until it can be reached).
 */

let t: TestServer;
let base: string;
let schema: GraphQLSchema;
let scopes: Scope[];
let reached: Set<string>;
beforeAll(async () => {
  // Thousands of requests: the per-client rate limit would refuse most of them.
  t = await startTestServer({ introspection: true, rateLimitRequests: 0 });
  base = await listen(t.server);
  // The seed is one dataset; continuing the datasets connection needs three rows at least.
  await t.database.handle.db.execute(
    sql`INSERT INTO datasets (key, name) VALUES ('test:cursors-a', 'Cursor test A'), ('test:cursors-b', 'Cursor test B')`,
  );
  schema = buildClientSchema(dataOf(await t.query<IntrospectionQuery>(getIntrospectionQuery())));
  ({ scopes, reached } = await enumerate());
});
afterAll(() => t?.close());

const isConnection = (field: GraphQLField<unknown, unknown>) => getNamedType(field.type).name.endsWith('Connection');

/** One connection in one order (and grouping): a cursor of it continues only it. */
interface Scope {
  /** `events`, `casualtyStats.groups`. */
  connection: string;
  parent?: { field: string; args: string };
  field: string;
  orderBy?: { field: string; direction: string };
  groupBy?: string[];
  nodeSelection: string;
}

/** How the server names a scope in its messages; a connection without orderBy has one order the schema cannot tell. */
function described(scope: Scope): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const grouped = scope.groupBy ? ` grouped by ${scope.groupBy.join(', ')}` : '';
  const order = scope.orderBy ? `${scope.orderBy.field} ${scope.orderBy.direction}` : '[A-Z_]+ (?:ASC|DESC)';
  return `${escape(scope.connection + grouped)} ordered by ${scope.orderBy ? escape(order) : order}`;
}

function label(scope: Scope): string {
  const order = scope.orderBy ? `${scope.orderBy.field} ${scope.orderBy.direction}` : 'default order';
  return `${scope.connection}${scope.groupBy ? `(${scope.groupBy.join(',')})` : ''} ${order}`;
}

/** What identifies a node: its id, or for nodes without one (groups) every plain field, objects by their id. */
function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const fields = Object.values(type.getFields()).filter((field) => !field.args.some((arg) => isNonNullType(arg.type)));
  if (fields.some((field) => field.name === 'id')) return 'id';
  return fields
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (isObjectType(named) && depth < 2 && !isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) {
        return [`${field.name} { ${selectionOf(named, depth + 1)} }`];
      }
      return [];
    })
    .join(' ');
}

/** Every value of `orderBy: { field direction }`, or one default order when the connection takes none. */
function ordersOf(field: GraphQLField<unknown, unknown>): ({ field: string; direction: string } | undefined)[] {
  const orderBy = field.args.find((arg) => arg.name === 'orderBy');
  if (!orderBy) return [undefined];
  const input = getNamedType(orderBy.type);
  if (!isInputObjectType(input)) throw new Error(`${field.name}.orderBy is not an input object`);
  const [fieldEnum, directionEnum] = ['field', 'direction'].map((name) => getNamedType(input.getFields()[name]!.type));
  if (!isEnumType(fieldEnum) || !isEnumType(directionEnum)) throw new Error(`${input.name} is not { field direction } of enums`);
  return fieldEnum.getValues().flatMap((f) => directionEnum.getValues().map((d) => ({ field: f.name, direction: d.name })));
}

/** A list of enums (`groupBy`) changes the key a nested connection is ordered by: each single value of it. */
function groupingsOf(arg: GraphQLArgument): string[][] {
  const named = getNamedType(arg.type);
  const list = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  if (!isListType(list) || !isEnumType(named)) return [];
  return named.getValues().map((value) => [value.name]);
}

function scopesOf(field: GraphQLField<unknown, unknown>, connection: string, parent?: Scope['parent'], groupBy?: string[]): Scope[] {
  const nodeType = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().nodes!.type) as GraphQLObjectType;
  const nodeSelection = selectionOf(nodeType);
  return ordersOf(field).map((orderBy) => ({ connection, parent, field: field.name, orderBy, groupBy, nodeSelection }));
}

/**
 * Root connections, and connections one level down under a root field that needs no argument
 * (grouped statistics), in two groupings that have at least three groups in the seed data.
 * Returns the `Type.field` names it reached too.
 */
async function enumerate(): Promise<{ scopes: Scope[]; reached: Set<string> }> {
  const scopes: Scope[] = [];
  const reached = new Set<string>();
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    if (isConnection(root)) {
      reached.add(`Query.${root.name}`);
      scopes.push(...scopesOf(root, root.name));
      continue;
    }
    const type = getNamedType(root.type);
    const list = isNonNullType(root.type) ? root.type.ofType : root.type;
    if (!isObjectType(type) || isListType(list) || root.args.some((arg) => isNonNullType(arg.type))) continue;
    for (const nested of Object.values(type.getFields()).filter(isConnection)) {
      reached.add(`${type.name}.${nested.name}`);
      const groupings = root.args.flatMap((arg) => groupingsOf(arg).map((values) => ({ arg: arg.name, values })));
      let kept = 0;
      for (const grouping of groupings.length ? groupings : [undefined]) {
        const args = grouping ? `(${grouping.arg}: [${grouping.values.join(', ')}])` : '';
        const grouped = scopesOf(nested, `${root.name}.${nested.name}`, { field: root.name, args }, grouping?.values);
        if ((await pageOf(grouped[0]!, 3)).edges.length < 3) continue;
        scopes.push(...grouped);
        if (++kept === 2) break;
      }
      if (kept < (groupings.length ? 2 : 1)) {
        throw new Error(`${root.name}.${nested.name}: too few groups in the seed data to test its cursors`);
      }
    }
  }
  return { scopes, reached };
}

function operation(scope: Scope): string {
  const orderBy = scope.orderBy ? `, orderBy: { field: ${scope.orderBy.field}, direction: ${scope.orderBy.direction} }` : '';
  const page = `${scope.field}(first: $first, after: $after${orderBy}) {
    edges { cursor node { ${scope.nodeSelection} } } pageInfo { hasNextPage hasPreviousPage endCursor } }`;
  return `query Page($first: Int, $after: String) { ${scope.parent ? `${scope.parent.field}${scope.parent.args} { ${page} }` : page} }`;
}

interface Page {
  edges: { cursor: string; node: unknown }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

interface HttpResult {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(scope: Scope, variables: { first: number; after?: string }): Promise<HttpResult> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation(scope), variables }),
  });
  return { status: response.status, body: (await response.json()) as HttpResult['body'] };
}

async function pageOf(scope: Scope, first: number, after?: string): Promise<Page> {
  const data = dataOf(await t.query(operation(scope), { first, after }));
  return scope.parent ? data[scope.parent.field][scope.field] : data[scope.field];
}

/** Runs `task` over `items`, a few at a time. */
async function eachLimited<T>(items: T[], task: (item: T) => Promise<void>, concurrency = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const cursorOf = (json: unknown) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
const NOT_A_CURSOR = / is not a valid cursor; pass an endCursor or edge cursor from an earlier page\.$/;

describe('cursors belong to their connection, order and grouping', () => {
  it('enumerates every connection of the schema, with every order and grouping', () => {
    const everyConnectionField = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter(isConnection)
          .map((field) => `${type.name}.${field.name}`),
      )
      // Editors-only audit histories: their cursors (own scope, foreign ones refused) are tested in history.test.ts.
      .filter((name) => !name.endsWith('.history'));
    // A connection this test cannot reach would go untested: extend enumerate() for it.
    expect([...reached].sort()).toEqual(everyConnectionField.sort());
    expect(reached).toContain('Query.events');
    expect(reached).toContain('CasualtyStats.groups');
    expect(reached).toContain('TroopStats.groups');
    const labels = scopes.map(label);
    expect(labels).toContain('events TITLE DESC');
    expect(labels).toContain('casualtyStats.groups(COUNTRY) KEY ASC');
    expect(labels.filter((l) => l.startsWith('troopStats.groups('))).toHaveLength(2 * 5 * 2);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('continues every connection in every order from its own cursors with the next rows', async () => {
    await eachLimited(scopes, async (scope) => {
      const all = await pageOf(scope, 5);
      // Three rows at least, or continuing would prove nothing.
      expect(all.edges.length, label(scope)).toBeGreaterThanOrEqual(3);
      const first = await pageOf(scope, 2);
      expect(first.edges, label(scope)).toEqual(all.edges.slice(0, 2));
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: all.edges[1]!.cursor });
      const second = await pageOf(scope, 2, first.pageInfo.endCursor!);
      expect(second.edges, label(scope)).toEqual(all.edges.slice(2, 4));
      expect(second.pageInfo.hasPreviousPage).toBe(true);
      // An edge cursor in the middle of a page continues after that edge.
      const fromEdge = await pageOf(scope, 3, all.edges[0]!.cursor);
      expect(fromEdge.edges, label(scope)).toEqual(all.edges.slice(1, 4));
      for (const { cursor } of all.edges) expect(cursor, label(scope)).toMatch(/^[A-Za-z0-9_-]+$/); // opaque base64url
    });
  });

  it('refuses on every connection in every order a cursor of any other connection, order or grouping, saying why', async () => {
    const endCursors = new Map<Scope, string>();
    await eachLimited(scopes, async (scope) => void endCursors.set(scope, (await pageOf(scope, 2)).pageInfo.endCursor!));
    const refusal = (from: Scope, to: Scope) =>
      new RegExp(
        `^This cursor belongs to ${described(from)}; it cannot continue ${described(to)}\\. Drop \`after\` to start from the first page\\.$`,
      );
    // Every pair through Apollo in process (HTTP would multiply the time by five) ...
    const pairs = scopes.flatMap((from) => scopes.filter((to) => to !== from).map((to) => ({ from, to })));
    expect(pairs.length).toBeGreaterThan(1000);
    await eachLimited(pairs, async ({ from, to }) => {
      const { errors } = await t.query(operation(to), { first: 2, after: endCursors.get(from)! });
      const pair = `${label(from)} → ${label(to)}`;
      expect(
        errors?.map((error) => error.extensions?.code),
        pair,
      ).toEqual(['BAD_USER_INPUT']);
      expect(errors![0]!.message, pair).toMatch(refusal(from, to));
    });
    // ... and over HTTP, every scope's cursor refused by the next scope and by the next connection.
    const overHttp = scopes.flatMap((from, i) => {
      const nextConnection = scopes.find((to, j) => j > i && to.connection !== from.connection) ?? scopes[0]!;
      return [
        { from, to: scopes[(i + 1) % scopes.length]! },
        { from, to: nextConnection },
      ];
    });
    await eachLimited(overHttp, async ({ from, to }) => {
      const { status, body } = await post(to, { first: 2, after: endCursors.get(from)! });
      const pair = `${label(from)} → ${label(to)}`;
      expect(status, pair).toBe(200);
      expect(
        body.errors?.map((error) => error.extensions?.code),
        pair,
      ).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message, pair).toMatch(refusal(from, to));
    });
  }, 300_000);

  it("refuses a cursor sorted by title on events in the default order, saying why (the issue's case)", async () => {
    const byTitle = dataOf(await t.query('{ events(first: 2, orderBy: { field: TITLE }) { pageInfo { endCursor } } }')).events;
    const query = 'query ($after: String) { events(first: 2, after: $after) { nodes { title } } }';
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { after: byTitle.pageInfo.endCursor } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as HttpResult['body'];
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          'This cursor belongs to events ordered by TITLE ASC; it cannot continue events ordered by OCCURRED_ON ASC. ' +
          'Drop `after` to start from the first page.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }),
      }),
    ]);
  });

  it('accepts a cursor of the default order where that order is spelled out, and the other way round', async () => {
    const implicit = `query ($after: String) { events(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }`;
    const explicit = `query ($after: String) { events(first: 2, after: $after, orderBy: { field: OCCURRED_ON, direction: ASC }) {
      nodes { id } pageInfo { endCursor } } }`;
    const four = dataOf(await t.query(`{ events(first: 4) { nodes { id } } }`)).events.nodes;
    const first = dataOf(await t.query(implicit)).events;
    // Compact: a date, an id and what they belong to.
    expect(first.pageInfo.endCursor.length).toBeLessThanOrEqual(64);
    expect(dataOf(await t.query(explicit, { after: first.pageInfo.endCursor })).events.nodes).toEqual(four.slice(2, 4));
    const firstExplicit = dataOf(await t.query(explicit)).events;
    expect(dataOf(await t.query(implicit, { after: firstExplicit.pageInfo.endCursor })).events.nodes).toEqual(four.slice(2, 4));

    const stats = (orderBy: string) => `query ($after: String) { casualtyStats(groupBy: [COUNTRY]) {
      groups(first: 1, after: $after${orderBy}) { nodes { key { country { code } } } pageInfo { endCursor } } } }`;
    const top = dataOf(await t.query(stats(''))).casualtyStats.groups;
    expect(top.pageInfo.endCursor.length).toBeLessThanOrEqual(64);
    const next = dataOf(await t.query(stats(', orderBy: { field: BEST }'), { after: top.pageInfo.endCursor })).casualtyStats.groups;
    const two = dataOf(await t.query(`{ casualtyStats(groupBy: [COUNTRY]) { groups(first: 2) { nodes { key { country { code } } } } } }`));
    expect(next.nodes).toEqual(two.casualtyStats.groups.nodes.slice(1, 2));
  });

  it('refuses garbage cursors on every connection as not a cursor, with HTTP 200', async () => {
    const garbage = [
      'garbage',
      '!!!',
      cursorOf(['2020-01-03', 5]), // the format before cursors carried their scope
      cursorOf({ after: 1 }),
      cursorOf([]),
      cursorOf([42, 1]),
      cursorOf(['x'.repeat(300), 1]),
      cursorOf(['events ordered by TITLE ASC; anything the forger likes:X:ASC', 'a', 1]),
    ];
    const onePerConnection = scopes.filter((scope, i) => scopes.findIndex((other) => other.connection === scope.connection) === i);
    await eachLimited(
      onePerConnection.flatMap((scope) => garbage.map((after) => ({ scope, after }))),
      async ({ scope, after }) => {
        const { status, body } = await post(scope, { first: 2, after });
        expect(status, `${label(scope)} ${after}`).toBe(200);
        expect(body.errors, `${label(scope)} ${after}`).toHaveLength(1);
        expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
        expect(body.errors![0]!.message, `${label(scope)} ${after}`).toMatch(NOT_A_CURSOR);
        expect(body.errors![0]!.message.length).toBeLessThan(200);
      },
    );
  });

  it('refuses a forged position in a cursor of the right scope before Postgres sees it, and takes any date Postgres holds', async () => {
    const find = (connection: string, field: string, direction: string) =>
      scopes.find((s) => s.connection === connection && s.orderBy?.field === field && s.orderBy.direction === direction)!;
    const byDate = find('events', 'OCCURRED_ON', 'ASC');
    const byTitle = find('events', 'TITLE', 'ASC');
    const groups = find('casualtyStats.groups', 'BEST', 'DESC');
    /** A real cursor of `scope` with its position replaced: what a client tampering with one would send. */
    const forge = async (scope: Scope, ...position: unknown[]) => {
      const [owner] = JSON.parse(Buffer.from((await pageOf(scope, 1)).pageInfo.endCursor!, 'base64url').toString('utf8'));
      return [scope, cursorOf([owner, ...position])] as const;
    };
    const forged = [
      await forge(byDate, 'not a date', 1),
      await forge(byDate, '2020-02-30', 1),
      await forge(byDate, '2019-02-29', 1),
      await forge(byDate, '1900-02-29', 1),
      await forge(byDate, '2020-00-10', 1),
      await forge(byDate, '99999999-01-01', 1),
      await forge(byDate, 20200103, 1),
      await forge(byDate, '2020-01-03', 2 ** 40),
      await forge(byDate, '2020-01-03', 1.5),
      await forge(byDate, '2020-01-03'),
      await forge(byTitle, 'a\u0000b', 1),
      await forge(byTitle, null, 1),
      await forge(groups, -1),
      await forge(groups, 'ten'),
      await forge(groups, 1e12),
      await forge(groups, 1, 2),
    ];
    for (const [scope, after] of forged) {
      const before = t.statements();
      const { status, body } = await post(scope, { first: 2, after });
      expect(status).toBe(200);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toMatch(NOT_A_CURSOR);
      expect(t.statements(), after).toBe(before);
    }
    // Any date Postgres can hold is a position it can seek from.
    for (const date of ['2020-02-29', '2000-02-29', '0044-03-15 BC', '0001-02-29 BC', '12020-01-01']) {
      const [scope, after] = await forge(byDate, date, 1);
      const result = await t.query(operation(scope), { first: 2, after });
      expect(result.errors, date).toBeUndefined();
    }
  });
});
