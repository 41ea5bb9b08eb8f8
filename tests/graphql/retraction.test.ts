import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupDrift } from '../helpers/rollup.js';
import { codesOf, startEditingServer, type EditingServer } from '../helpers/editing.js';

/*
 * Retraction (ADMIN): a record leaves every total, keeps its versions, answers twice-retracted and
 * stale retractions with userErrors; an event takes its casualties and reactions with it; a
 * retracted deployment report hands its place in the movement back to the report it updated.
 */
let server: EditingServer;
let post: EditingServer['post'];
let editor: string;
let admin: string;
let sourceId: string;

const fullText = 'The ministry said 7 soldiers were killed. It later withdrew the report. About 1,000 troops were sent.';
const citation = () => ({ source: sourceId, passage: 'The ministry said 7 soldiers were killed.' });

beforeAll(async () => {
  server = await startEditingServer({ source: ['Retraction test source', fullText] });
  ({
    post,
    sourceId,
    tokens: { editor, admin },
  } = server);
});
afterAll(() => server?.close());

const REPORT = `mutation ($input: CasualtyReportInput!) {
  casualtyReport(input: $input) { casualty { id revision } userErrors { field code } } }`;
const RETRACT = (name: string, node: string) => `mutation ($input: RetractInput!, $key: String) {
  ${name}(input: $input, idempotencyKey: $key) {
    ${node} { id revision retracted { at by reason } }
    userErrors { field code currentRevision } } }`;
const CASUALTY_RETRACT = RETRACT('casualtyRetract', 'casualty');
const DEPLOYMENT_RETRACT = RETRACT('deploymentRetract', 'deployment');
const EVENT_RETRACT = RETRACT('eventRetract', 'event');

/** The first seeded events, with what hangs off them. */
async function seededEvents() {
  const answer = await post(`{ events(first: 50) { nodes { id revision title
    casualties { id } reactions { id } deployments { id } quotes { id } casualtyTotals { all { best records } } } } }`);
  return answer.body.data.events.nodes as {
    id: string;
    revision: number;
    casualties: { id: string }[];
    reactions: { id: string }[];
    deployments: { id: string }[];
    quotes: { id: string }[];
    casualtyTotals: { all: { best: number; records: number } };
  }[];
}

const casualtyTotals = async (filter: Record<string, unknown>) =>
  (await post('query ($f: CasualtyFilter) { casualtyStats(filter: $f) { total { best records } } }', { f: filter })).body.data.casualtyStats
    .total as { best: number; records: number };

async function reportCasualty(event: string, best: number) {
  const input = {
    event,
    kind: 'KILLED',
    figure: { low: best, best, high: best, qualifier: 'EXACT', wording: `${best} soldiers were killed` },
    victims: 'soldiers',
    victimCountry: 'IQ',
    occurredOn: { date: '2020-01-07', precision: 'DAY' },
    citation: citation(),
  };
  const answer = await post(REPORT, { input }, editor);
  expect(answer.body.data.casualtyReport.userErrors).toEqual([]);
  return answer.body.data.casualtyReport.casualty as { id: string; revision: number };
}

describe('casualtyRetract', () => {
  it('takes the record out of every total once, against the revision read, keeping its versions', async () => {
    const [event] = await seededEvents();
    const rollup = { country: 'IQ', kinds: ['KILLED'] }; // answered from casualty_rollups
    const facts = { event: event!.id }; // answered from the rows
    const before = [await casualtyTotals(rollup), await casualtyTotals(facts)];
    const casualty = await reportCasualty(event!.id, 7);
    expect(await casualtyTotals(rollup)).toEqual({ best: before[0]!.best + 7, records: before[0]!.records + 1 });

    const retract = (expectedRevision: number, key?: string) =>
      post(CASUALTY_RETRACT, { input: { id: casualty.id, expectedRevision, reason: 'the ministry withdrew it' }, key }, admin);
    const stale = (await retract(2)).body.data.casualtyRetract;
    expect(stale).toEqual({ casualty: null, userErrors: [{ field: ['input', 'expectedRevision'], code: 'STALE', currentRevision: 1 }] });
    expect(await casualtyTotals(rollup)).toEqual({ best: before[0]!.best + 7, records: before[0]!.records + 1 });

    const done = (await retract(1, 'retract-1')).body.data.casualtyRetract;
    expect(done.userErrors).toEqual([]);
    expect(done.casualty).toMatchObject({ id: casualty.id, revision: 2, retracted: { by: 'ada', reason: 'the ministry withdrew it' } });
    expect(Date.now() - Date.parse(done.casualty.retracted.at)).toBeLessThan(60_000);
    // A retry with the same key answers as the first time; without it, the record is retracted already.
    expect((await retract(1, 'retract-1')).body.data.casualtyRetract).toEqual(done);
    expect(codesOf((await retract(2)).body.data.casualtyRetract.userErrors)).toEqual(['input.id ALREADY_RETRACTED']);

    expect([await casualtyTotals(rollup), await casualtyTotals(facts)]).toEqual(before);
    const totals = (await seededEvents()).find((e) => e.id === event!.id)!.casualtyTotals;
    expect(totals).toEqual(event!.casualtyTotals);
    expect(await rollupDrift(server.t.database.handle.db)).toEqual([]);

    const revise = await post(
      `mutation ($input: CasualtyReviseInput!) { casualtyRevise(input: $input) { userErrors { field code } } }`,
      {
        input: {
          casualty: casualty.id,
          expectedRevision: 2,
          figure: { best: 8, qualifier: 'APPROXIMATE', wording: 'about 8' },
          citation: citation(),
          reason: 'r',
        },
      },
      editor,
    );
    expect(codesOf(revise.body.data.casualtyRevise.userErrors)).toEqual(['input.casualty RETRACTED']);
    const versions = await post(
      `query ($id: ID!) { node(id: $id) { ... on Casualty { revisions { revision retracted reason editor } } } }`,
      { id: casualty.id },
      admin,
    );
    expect(versions.body.data.node.revisions).toEqual([
      { revision: 2, retracted: true, reason: 'the ministry withdrew it', editor: 'ada' },
      { revision: 1, retracted: false, reason: null, editor: 'edna' },
    ]);
    const audited = await server.count(sql`SELECT 1 FROM audit_entries WHERE mutation = 'casualtyRetract' AND editor = 'ada'`);
    expect(audited).toBe(1);
  });
});

describe('deploymentRetract', () => {
  const DEPLOY = `mutation ($input: DeploymentReportInput!) {
    deploymentReport(input: $input) { deployment { id revision } userErrors { field code } } }`;
  const troops = async () =>
    (await post('{ troopStats(filter: { forceCountry: "GR" }) { total { best records } } }')).body.data.troopStats.total as {
      best: number;
      records: number;
    };
  const report = async (best: number, status: string, supersedes?: string) => {
    const input = {
      figure: { best, qualifier: 'APPROXIMATE', wording: `about ${best} troops` },
      status,
      troops: 'mechanised infantry',
      forceCountry: 'GR',
      occurredOn: { date: '2020-01-09', precision: 'DAY' },
      citation: { source: sourceId, passage: 'About 1,000 troops were sent.' },
      supersedes,
    };
    return (await post(DEPLOY, { input }, editor)).body.data.deploymentReport as {
      deployment: { id: string; revision: number } | null;
      userErrors: { field: string[]; code: string }[];
    };
  };
  const retract = async (deployment: { id: string }) => {
    const current = await post(`query ($id: ID!) { node(id: $id) { ... on Deployment { revision } } }`, { id: deployment.id }, admin);
    const input = { id: deployment.id, expectedRevision: current.body.data.node.revision, reason: 'misreported' };
    const answer = (await post(DEPLOYMENT_RETRACT, { input }, admin)).body.data.deploymentRetract;
    expect(answer.userErrors).toEqual([]);
    return answer;
  };

  it('a retracted report hands the movement back to the report it updated: each movement still counts once', async () => {
    const base = await troops();
    const a = (await report(1000, 'ANNOUNCED')).deployment!;
    const b = (await report(1200, 'DEPLOYED', a.id)).deployment!;
    const c = (await report(1300, 'STATIONED', b.id)).deployment!;
    expect(await troops()).toEqual({ best: base.best + 1300, records: base.records + 1 });

    // The middle report goes: the last now updates the first directly.
    expect((await retract(b)).deployment).toMatchObject({ id: b.id, retracted: { by: 'ada', reason: 'misreported' } });
    expect(await troops()).toEqual({ best: base.best + 1300, records: base.records + 1 });
    expect(codesOf((await report(1400, 'DEPLOYED', a.id)).userErrors)).toEqual(['input.supersedes CONFLICT']);
    expect(codesOf((await report(1400, 'DEPLOYED', b.id)).userErrors)).toEqual(['input.supersedes RETRACTED']);

    // The last goes too: the first report stands again, and may be updated anew.
    await retract(c);
    expect(await troops()).toEqual({ best: base.best + 1000, records: base.records + 1 });
    const d = await report(1100, 'DEPLOYED', a.id);
    expect(d.userErrors).toEqual([]);
    expect(await troops()).toEqual({ best: base.best + 1100, records: base.records + 1 });
  });
});

describe('eventRetract', () => {
  it('retracts the event with its casualty records and reactions; what stands on its own stays', async () => {
    const events = await seededEvents();
    const event = events.find((e) => e.casualties.length && e.reactions.length && e.deployments.length + e.quotes.length)!;
    expect(event).toBeDefined();
    const everywhere = await casualtyTotals({});
    const byRollup = await casualtyTotals({ kinds: ['KILLED', 'INJURED'] });
    const retract = (expectedRevision: number) =>
      post(EVENT_RETRACT, { input: { id: event.id, expectedRevision, reason: 'the event never happened' } }, admin);

    expect(codesOf((await retract(event.revision + 1)).body.data.eventRetract.userErrors)).toEqual(['input.expectedRevision STALE']);
    const done = (await retract(event.revision)).body.data.eventRetract;
    expect(done.userErrors).toEqual([]);
    expect(done.event).toMatchObject({ revision: event.revision + 1, retracted: { by: 'ada', reason: 'the event never happened' } });
    expect(codesOf((await retract(event.revision + 1)).body.data.eventRetract.userErrors)).toEqual(['input.id ALREADY_RETRACTED']);

    const dropped = {
      best: everywhere.best - event.casualtyTotals.all.best,
      records: everywhere.records - event.casualtyTotals.all.records,
    };
    expect(await casualtyTotals({})).toEqual(dropped);
    expect(await casualtyTotals({ kinds: ['KILLED', 'INJURED'] })).toEqual({
      best: byRollup.best - event.casualtyTotals.all.best,
      records: byRollup.records - event.casualtyTotals.all.records,
    });
    expect(await rollupDrift(server.t.database.handle.db)).toEqual([]);
    const rowId = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
    const eventRow = rowId(event.id);
    const standing = (table: string) =>
      server.count(sql`SELECT 1 FROM ${sql.identifier(table)}
      WHERE event_id = ${eventRow} AND retracted_at IS NULL`);
    expect([await standing('casualties'), await standing('reactions')]).toEqual([0, 0]);
    const byEvent = await server.count(sql`SELECT 1 FROM casualties WHERE event_id = ${eventRow}
      AND retracted_by = 'ada' AND retraction_reason = 'the event never happened'`);
    expect(byEvent).toBe(event.casualties.length);
    expect([await standing('deployments'), await standing('quotes')]).toEqual([event.deployments.length, event.quotes.length]);

    // Nothing new may hang off a retracted event.
    const onRetracted = await post(
      REPORT,
      {
        input: {
          event: event.id,
          kind: 'KILLED',
          figure: { best: 3, qualifier: 'APPROXIMATE', wording: 'about 3' },
          victims: 'v',
          occurredOn: { date: '2020-01-07', precision: 'DAY' },
          citation: citation(),
        },
      },
      editor,
    );
    expect(codesOf(onRetracted.body.data.casualtyReport.userErrors)).toEqual(['input.event RETRACTED']);
  });
});

describe('who sees a retracted record', () => {
  const SHAPE = `id casualties { id } reactions { id } deployments { id } quotes { id }
    causes { event { id } } participants { actor { id } } casualtyTotals { all { records } }`;
  let event: { id: string; casualties: { id: string }[]; deployments: { id: string }[]; quotes: { id: string }[] } & Record<string, any>;
  let retraction: { at: string; by: string; reason: string };

  beforeAll(async () => {
    const events = (await post(`{ events(first: 100) { nodes { ${SHAPE} } } }`)).body.data.events.nodes;
    event = events.find((e: typeof event) => e.deployments.length && e.casualties.length && e.causes.length && e.quotes.length);
    const revision = (await post(`query ($id: ID!) { event(id: $id) { revision } }`, { id: event.id })).body.data.event.revision;
    const done = await post(EVENT_RETRACT, { input: { id: event.id, expectedRevision: revision, reason: 'fabricated' } }, admin);
    retraction = done.body.data.eventRetract.event.retracted;
  });

  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

  it('readers and editors: gone from lists, lookups, relations and totals', async () => {
    for (const bearer of [undefined, editor]) {
      const read = async (query: string, variables: Record<string, unknown> = {}) => {
        const answer = await post(query, { id: event.id, ...variables }, bearer);
        expect(answer.body.errors).toBeUndefined();
        return answer.body.data;
      };
      expect(ids((await read(`{ events(first: 100) { nodes { id } } }`)).events.nodes)).not.toContain(event.id);
      // By ID: through the loader, and through the statement that fetches relations ahead.
      expect(await read(`query ($id: ID!) { event(id: $id) { id } node(id: $id) { id } }`)).toEqual({ event: null, node: null });
      expect((await read(`query ($id: ID!) { event(id: $id) { ${SHAPE} } }`)).event).toBeNull();
      const casualty = await read(`query ($c: ID!) { node(id: $c) { id } }`, { c: event.casualties[0]!.id });
      expect(casualty.node).toBeNull();
      const listed = await read(`query ($id: ID!) { casualties(filter: { event: $id }) { totalCount }
        reactions(first: 100, filter: { event: $id }) { nodes { id } } casualtyStats(filter: { event: $id }) { total { records } } }`);
      expect(listed).toEqual({ casualties: { totalCount: 0 }, reactions: { nodes: [] }, casualtyStats: { total: { records: 0 } } });
      // What stands on its own stays, without the link to the retracted event.
      const deployment = await read(`query ($d: ID!) { node(id: $d) { ... on Deployment { id event { id } } } }`, {
        d: event.deployments[0]!.id,
      });
      expect(deployment.node).toEqual({ id: event.deployments[0]!.id, event: null });
      const quote = await read(`query ($q: ID!) { node(id: $q) { ... on Quote { event { id } } } }`, { q: event.quotes[0]!.id });
      expect(quote.node).toEqual({ event: null });
      // Relations of standing records leave it out, batched and fetched ahead alike.
      const cause = event.causes[0].event.id;
      const linked = await read(
        `query ($cause: ID!) { node(id: $cause) { ... on Event { consequences { event { id } } } }
        events(first: 100) { nodes { consequences { event { id } } } } }`,
        { cause },
      );
      expect(JSON.stringify(linked)).not.toContain(event.id);
      const actor = event.participants[0].actor.id;
      const theirs = await read(`query ($actor: ID!) { actor(id: $actor) { events { id } reactions { event { id } } } }`, { actor });
      expect(JSON.stringify(theirs)).not.toContain(event.id);
      const byEvent = await read(`{ casualtyStats(groupBy: [EVENT]) { groups(first: 100) { nodes { key { event { id } } } } } }`);
      expect(JSON.stringify(byEvent)).not.toContain(event.id);
    }
  });

  it('only admins may ask lists for retracted records', async () => {
    const query = `{ events(first: 100, includeRetracted: true) { nodes { id } } }`;
    const anonymous = await post(query);
    expect([anonymous.status, anonymous.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const editorAsks = await post(query, {}, editor);
    expect([editorAsks.status, editorAsks.body.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('admins: lookups and lists that ask for them show retracted records, marked; totals never count them', async () => {
    const read = async (query: string, variables: Record<string, unknown> = {}) => {
      const answer = await post(query, { id: event.id, ...variables }, admin);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data;
    };
    expect(ids((await read(`{ events(first: 100) { nodes { id } } }`)).events.nodes)).not.toContain(event.id);
    const listed = await read(`{ events(first: 100, includeRetracted: true) { nodes { id retracted { reason } casualties { id } } } }`);
    // Nested lists show every viewer the record as it stands: an admin finds its retracted parts by `includeRetracted`.
    expect(listed.events.nodes).toContainEqual({ id: event.id, retracted: { reason: 'fabricated' }, casualties: [] });
    const found = await read(`query ($id: ID!) { event(id: $id) { id retracted { at by reason } } node(id: $id) { id } }`);
    expect(found).toEqual({ event: { id: event.id, retracted: retraction }, node: { id: event.id } });
    expect(retraction).toMatchObject({ by: 'ada', reason: 'fabricated' });
    const parts = await read(`query ($id: ID!) {
      casualties(filter: { event: $id }, includeRetracted: true) { nodes { id retracted { by reason } } }
      standing: casualties(filter: { event: $id }) { totalCount }
      casualtyStats(filter: { event: $id }) { total { records } } }`);
    expect(ids(parts.casualties.nodes).sort()).toEqual(ids(event.casualties).sort());
    expect(parts.casualties.nodes[0].retracted).toEqual({ by: 'ada', reason: 'fabricated' });
    expect([parts.standing.totalCount, parts.casualtyStats.total.records]).toEqual([0, 0]);
    const deployment = await read(`query ($d: ID!) { node(id: $d) { ... on Deployment { event { id retracted { reason } } } } }`, {
      d: event.deployments[0]!.id,
    });
    expect(deployment.node.event).toEqual({ id: event.id, retracted: { reason: 'fabricated' } });
  });
});
