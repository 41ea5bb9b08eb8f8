import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { rollupDrift } from '../helpers/rollup.js';
import { codesOf, startEditingServer, type EditingServer } from '../helpers/editing.js';
import type { TestServer } from '../helpers/server.js';

/*
 * Editors' writes over real HTTP with real tokens: who may write, what a write checks before
 * any SQL, provenance, optimistic concurrency and idempotency, and that totals stay exact.
 */
let server: EditingServer;
let t: TestServer;
let post: EditingServer['post'];
let editor: string;
let admin: string;
let reader: string;
let expired: string;

beforeAll(async () => {
  server = await startEditingServer();
  ({ t, post } = server);
  ({ editor, admin, reader, expired } = server.tokens);
});
afterAll(() => server?.close());

const SOURCE_CREATE = `mutation ($input: SourceCreateInput!, $key: String) {
  sourceCreate(input: $input, idempotencyKey: $key) { source { id outlet title } userErrors { field message code } } }`;
const REPORT = `mutation ($input: CasualtyReportInput!, $key: String) {
  casualtyReport(input: $input, idempotencyKey: $key) {
    casualty { id revision kind victims figure { low best high qualifier wording } citation { passage source { title } } }
    userErrors { field message code currentRevision } } }`;
const REVISE = `mutation ($input: CasualtyReviseInput!) {
  casualtyRevise(input: $input) { casualty { id revision figure { best qualifier } } userErrors { field code currentRevision } } }`;
const fullText =
  'Iraqi officials said “at least 12 people were killed” in the strike near Al-Asad on Tuesday.\nHospitals later reported 15 dead.';

let sourceId: string;
let eventId: string;

describe('who may write', () => {
  it('anonymous callers get 401 UNAUTHENTICATED, readers 403 FORBIDDEN, bad tokens 401; reading stays public', async () => {
    const input = { outlet: 'Wire', title: 'Strike near Al-Asad' };
    const anonymous = await post(SOURCE_CREATE, { input });
    expect([anonymous.status, anonymous.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forbidden = await post(SOURCE_CREATE, { input }, reader);
    expect([forbidden.status, forbidden.body.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
    for (const bad of [expired, `${editor.slice(0, -4)}AAAA`, 'not.a.token']) {
      const refused = await post('{ viewer { subject } }', {}, bad);
      expect([refused.status, refused.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
      // The reason stays in the server log.
      expect(refused.body.errors?.[0]?.message).toBe('The bearer token is not valid: sign in again.');
    }
    const publicRead = await post('{ viewer { subject } events(first: 1) { nodes { title } } }');
    expect(publicRead.status).toBe(200);
    expect(publicRead.body.data.viewer).toBeNull();
    expect(publicRead.body.data.events.nodes).toHaveLength(1);
    expect((await post('{ viewer { subject roles } }', {}, admin)).body.data.viewer).toEqual({ subject: 'ada', roles: ['ADMIN'] });
  });

  it('refuses a mutation over GET', async () => {
    const response = await fetch(
      `${server.url}?query=${encodeURIComponent('mutation { sourceCreate(input: {outlet: "a", title: "b"}) { userErrors { code } } }')}`,
      {
        headers: { authorization: `Bearer ${editor}`, 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(405);
    expect(await sourcesTitled('b')).toBe(0);
  });
});

const sourcesTitled = async (title: string) =>
  (await queryRows<{ n: number }>(t.database.handle.db, sql`SELECT count(*)::int AS n FROM sources WHERE title = ${title}`))[0]!.n;

describe('reporting a casualty figure', () => {
  beforeAll(async () => {
    const created = await post(SOURCE_CREATE, { input: { outlet: 'Wire', title: 'Strike near Al-Asad', fullText } }, editor);
    expect(created.body.data.sourceCreate.userErrors).toEqual([]);
    sourceId = created.body.data.sourceCreate.source.id;
    const events = await post('{ events(first: 1, filter: { kinds: [ROCKET_ATTACK] }) { nodes { id } } }');
    eventId = events.body.data.events.nodes[0].id;
  });

  const input = (overrides: Record<string, unknown> = {}) => ({
    event: eventId,
    kind: 'KILLED',
    figure: { low: 12, qualifier: 'AT_LEAST', wording: 'at least 12 people were killed' },
    victims: 'people near the base',
    victimCountry: 'IQ',
    occurredOn: { date: '2020-01-07', precision: 'DAY' },
    citation: { source: sourceId, passage: 'Iraqi officials said "at least 12 people were killed"', attribution: 'Iraqi officials' },
    ...overrides,
  });

  it('checks figure, date, IDs, lengths and the passage before writing, with field paths', async () => {
    const answer = await post(
      REPORT,
      {
        input: input({
          event: 'nonsense',
          figure: { low: 12, high: 20, qualifier: 'AT_LEAST', wording: 'at least 12' },
          occurredOn: { date: '2020-01-07', precision: 'MONTH' },
          victims: 'x'.repeat(501),
        }),
      },
      editor,
    );
    expect(answer.body.errors ?? []).toEqual([]);
    expect(answer.status).toBe(200);
    expect(answer.body.data.casualtyReport.casualty).toBeNull();
    expect(codesOf(answer.body.data.casualtyReport.userErrors)).toEqual([
      'input.victims INVALID',
      'input.figure.high INVALID',
      'input.occurredOn.date INVALID',
    ]);
    const unknown = await post(REPORT, { input: input({ event: 'nonsense', affiliation: sourceId, victimCountry: 'XK' }) }, editor);
    expect(codesOf(unknown.body.data.casualtyReport.userErrors)).toEqual([
      'input.event NOT_FOUND',
      'input.affiliation NOT_FOUND',
      'input.victimCountry NOT_FOUND',
    ]);
    const range = (occurredOn: Record<string, unknown>) => post(REPORT, { input: input({ occurredOn }) }, editor);
    const openRange = (await range({ date: '2020-01-02', precision: 'RANGE' })).body.data.casualtyReport.userErrors;
    expect(openRange).toEqual([expect.objectContaining({ field: ['input', 'occurredOn', 'end'], code: 'INVALID' })]);
    const backwards = (await range({ date: '2020-01-09', end: '2020-01-02', precision: 'RANGE' })).body.data.casualtyReport.userErrors;
    expect(backwards).toEqual([expect.objectContaining({ field: ['input', 'occurredOn', 'end'], code: 'INVALID' })]);
    const dayWithEnd = (await range({ date: '2020-01-02', end: '2020-01-03', precision: 'DAY' })).body.data.casualtyReport.userErrors;
    expect(dayWithEnd).toEqual([expect.objectContaining({ field: ['input', 'occurredOn', 'end'], code: 'INVALID' })]);
    const misquoted = await post(
      REPORT,
      { input: input({ citation: { source: sourceId, passage: 'at least 20 people were killed' } }) },
      editor,
    );
    expect(misquoted.body.data.casualtyReport.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'citation', 'passage'], code: 'PASSAGE_NOT_IN_SOURCE' }),
    ]);
  });

  it('writes the figure with its citation, as revision 1, and the totals follow exactly', async () => {
    const total = async () =>
      (await post('{ casualtyStats(filter: { country: "IQ", kinds: [KILLED] }) { total { low records } } }')).body.data.casualtyStats.total;
    const before = await total();
    const answer = await post(REPORT, { input: input() }, editor);
    const { casualty, userErrors } = answer.body.data.casualtyReport;
    expect(userErrors).toEqual([]);
    expect(casualty).toMatchObject({
      revision: 1,
      kind: 'KILLED',
      figure: { low: 12, best: null, high: null, qualifier: 'AT_LEAST', wording: 'at least 12 people were killed' },
      citation: { passage: 'Iraqi officials said "at least 12 people were killed"', source: { title: 'Strike near Al-Asad' } },
    });
    expect(await total()).toEqual({ low: before.low + 12, records: before.records + 1 });
    expect(await rollupDrift(t.database.handle.db)).toEqual([]);
  });

  it('replays a retried report with the same idempotency key, and refuses the key with another input', async () => {
    const first = await post(REPORT, { input: input({ victims: 'idempotent victims' }), key: 'report-1' }, editor);
    const again = await post(REPORT, { input: input({ victims: 'idempotent victims' }), key: 'report-1' }, editor);
    expect(again.body.data.casualtyReport.casualty.id).toBe(first.body.data.casualtyReport.casualty.id);
    const [{ n }] = (await queryRows<{ n: number }>(
      t.database.handle.db,
      sql`SELECT count(*)::int AS n FROM casualties WHERE victim_description = 'idempotent victims'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    const reused = await post(REPORT, { input: input({ victims: 'other victims' }), key: 'report-1' }, editor);
    expect(reused.body.data.casualtyReport.userErrors).toEqual([
      expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' }),
    ]);
  });

  it('revises a figure against the revision read; a stale revision changes nothing', async () => {
    const reported = await post(REPORT, { input: input({ victims: 'to be revised' }) }, editor);
    const id = reported.body.data.casualtyReport.casualty.id;
    const revise = (expectedRevision: number, best: number) =>
      post(
        REVISE,
        {
          input: {
            casualty: id,
            expectedRevision,
            figure: { best, qualifier: 'APPROXIMATE', wording: `${best} dead` },
            citation: { source: sourceId, passage: 'Hospitals later reported 15 dead.' },
            reason: 'hospitals reported more',
          },
        },
        editor,
      );
    // Two editors revise what they both read as revision 1, at the same time: one wins, one hears STALE.
    const [a, b] = await Promise.all([revise(1, 15), revise(1, 16)]);
    const results = [a, b].map((r) => r.body.data.casualtyRevise);
    const winner = results.find((r) => r.casualty);
    const loser = results.find((r) => !r.casualty);
    expect(winner?.casualty.revision).toBe(2);
    expect(loser?.userErrors).toEqual([{ field: ['input', 'expectedRevision'], code: 'STALE', currentRevision: 2 }]);
    const [row] = await queryRows<{ figure_best: number; revision: number }>(
      t.database.handle.db,
      sql`SELECT figure_best, revision FROM casualties WHERE victim_description = 'to be revised'`,
    );
    expect(row).toEqual({ figure_best: winner!.casualty.figure.best, revision: 2 });
    const audit = await queryRows<{ editor: string; mutation: string }>(
      t.database.handle.db,
      sql`SELECT editor, mutation FROM audit_entries WHERE entity = 'casualties' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual([{ editor: 'edna', mutation: 'casualtyRevise' }]);
    const history = `query ($id: ID!) { node(id: $id) { ... on Casualty { revisions { revision reason editor retracted figure { best qualifier } citation { passage } } } } }`;
    const anonymousView = (await post(history, { id })).body.data.node.revisions;
    expect(anonymousView).toEqual([
      {
        revision: 2,
        reason: 'hospitals reported more',
        editor: null,
        retracted: false,
        figure: { best: winner!.casualty.figure.best, qualifier: 'APPROXIMATE' },
        citation: { passage: 'Hospitals later reported 15 dead.' },
      },
      {
        revision: 1,
        reason: null,
        editor: null,
        retracted: false,
        figure: { best: null, qualifier: 'AT_LEAST' },
        citation: { passage: 'Iraqi officials said "at least 12 people were killed"' },
      },
    ]);
    const editorView = (await post(history, { id }, editor)).body.data.node.revisions;
    expect(editorView.map((r: { editor: string }) => r.editor)).toEqual(['edna', 'edna']);
  });
});

describe('troop movements, quotes and reactions', () => {
  const DEPLOY = `mutation ($input: DeploymentReportInput!) {
    deploymentReport(input: $input) { deployment { id status figure { best } } userErrors { field code } } }`;
  const troops = async () =>
    (await post('{ troopStats(filter: { forceCountry: "US" }) { total { best records } } }')).body.data.troopStats.total as {
      best: number;
      records: number;
    };
  const movement = (overrides: Record<string, unknown>) => ({
    figure: { best: 3000, qualifier: 'APPROXIMATE', wording: 'about 3,000 troops' },
    status: 'ANNOUNCED',
    troops: 'paratroopers',
    forceCountry: 'US',
    destinationCountry: 'IQ',
    occurredOn: { date: '2020-01-08', precision: 'DAY' },
    citation: { source: sourceId, passage: 'Hospitals later reported 15 dead.' },
    ...overrides,
  });

  it('an announced movement confirmed later counts once, at its latest stage; a second update of one report is refused', async () => {
    const before = await troops();
    const announced = (await post(DEPLOY, { input: movement({}) }, editor)).body.data.deploymentReport;
    expect(announced.userErrors).toEqual([]);
    expect(await troops()).toEqual({ best: before.best + 3000, records: before.records + 1 });
    const confirmed = movement({
      status: 'DEPLOYED',
      supersedes: announced.deployment.id,
      figure: { best: 3500, qualifier: 'APPROXIMATE', wording: 'some 3,500' },
    });
    const deployed = (await post(DEPLOY, { input: confirmed }, editor)).body.data.deploymentReport;
    expect(deployed.deployment).toMatchObject({ status: 'DEPLOYED', figure: { best: 3500 } });
    expect(await troops()).toEqual({ best: before.best + 3500, records: before.records + 1 });
    const again = await post(DEPLOY, { input: movement({ status: 'STATIONED', supersedes: announced.deployment.id }) }, editor);
    expect(again.body.data.deploymentReport.userErrors).toEqual([{ field: ['input', 'supersedes'], code: 'CONFLICT' }]);
    const otherForce = await post(DEPLOY, { input: movement({ forceCountry: 'IR', supersedes: deployed.deployment.id }) }, editor);
    expect(otherForce.body.data.deploymentReport.userErrors).toEqual([{ field: ['input', 'supersedes'], code: 'CONFLICT' }]);
  });

  it('a quote must be the speaker’s words as the stored source prints them; a reaction joins its event', async () => {
    const speaker = (await post('{ actors(first: 1) { nodes { id } } }')).body.data.actors.nodes[0].id as string;
    const QUOTE = `mutation ($input: QuoteAddInput!) { quoteAdd(input: $input) { quote { text } userErrors { field code } } }`;
    const quote = (text: string) => ({
      text,
      speaker,
      medium: 'STATEMENT',
      occurredOn: { date: '2020-01-07', precision: 'DAY' },
      event: eventId,
      citation: { source: sourceId, passage: 'Iraqi officials said' },
    });
    const misquoted = (await post(QUOTE, { input: quote('at least 20 people were killed') }, editor)).body.data.quoteAdd;
    expect(misquoted).toEqual({ quote: null, userErrors: [{ field: ['input', 'text'], code: 'PASSAGE_NOT_IN_SOURCE' }] });
    const verbatim = (await post(QUOTE, { input: quote('at least 12 people were killed') }, editor)).body.data.quoteAdd;
    expect(verbatim).toEqual({ quote: { text: 'at least 12 people were killed' }, userErrors: [] });

    const REACT = `mutation ($input: ReactionAddInput!) { reactionAdd(input: $input) { reaction { stance summary } userErrors { field code } } }`;
    const reaction = {
      actor: speaker,
      event: eventId,
      stance: 'CONDEMNATION',
      summary: 'condemned the strike',
      occurredOn: { date: '2020-01-08', precision: 'DAY' },
      citation: { source: sourceId, passage: 'Iraqi officials said' },
    };
    const reacted = (await post(REACT, { input: reaction }, editor)).body.data.reactionAdd;
    expect(reacted).toEqual({ reaction: { stance: 'CONDEMNATION', summary: 'condemned the strike' }, userErrors: [] });
    const event = (await post('query ($id: ID!) { event(id: $id) { reactions { summary } } }', { id: eventId })).body.data.event;
    expect(event.reactions.map((r: { summary: string }) => r.summary)).toContain('condemned the strike');
  });
});

describe('every mutation, every kind of caller', () => {
  // Inputs that fail business rules cheaply: the point is who gets past authorization, not the write.
  const citation = 'citation: { source: "x", passage: "p" }';
  const date = 'occurredOn: { date: "2020-01-01", precision: DAY }';
  const figure = 'figure: { qualifier: UNKNOWN, wording: "" }';
  const retract = 'input: { id: "x", expectedRevision: 1, reason: "r" }';
  const mutations: Record<string, [call: string, role: 'EDITOR' | 'ADMIN']> = {
    sourceCreate: ['sourceCreate(input: { outlet: "", title: "" })', 'EDITOR'],
    casualtyReport: [`casualtyReport(input: { event: "x", kind: KILLED, ${figure}, victims: "v", ${date}, ${citation} })`, 'EDITOR'],
    casualtyRevise: [`casualtyRevise(input: { casualty: "x", expectedRevision: 1, ${figure}, ${citation}, reason: "r" })`, 'EDITOR'],
    casualtyRetract: [`casualtyRetract(${retract})`, 'ADMIN'],
    deploymentReport: [
      `deploymentReport(input: { ${figure}, status: ANNOUNCED, troops: "t", forceCountry: "US", ${date}, ${citation} })`,
      'EDITOR',
    ],
    deploymentRetract: [`deploymentRetract(${retract})`, 'ADMIN'],
    eventCreate: [`eventCreate(input: { title: "", summary: "s", kind: PROTEST, ${date}, ${citation} })`, 'EDITOR'],
    eventUpdate: [`eventUpdate(input: { event: "x", expectedRevision: 1, ${citation} })`, 'EDITOR'],
    eventRetract: [`eventRetract(${retract})`, 'ADMIN'],
    actorCreate: [`actorCreate(input: { name: "", kind: PERSON, ${citation} })`, 'EDITOR'],
    actorUpdate: [`actorUpdate(input: { actor: "x", expectedRevision: 1, ${citation} })`, 'EDITOR'],
    actorMerge: [`actorMerge(input: { actor: "x", into: "y", expectedRevision: 1, reason: "r", ${citation} })`, 'ADMIN'],
    quoteAdd: [`quoteAdd(input: { text: "", speaker: "x", medium: STATEMENT, ${date}, ${citation} })`, 'EDITOR'],
    reactionAdd: [`reactionAdd(input: { actor: "x", event: "x", stance: SUPPORT, summary: "", ${date}, ${citation} })`, 'EDITOR'],
  };
  it('covers every mutation in the schema', async () => {
    const answer = await post('{ __type(name: "Mutation") { fields { name } } }');
    expect(answer.body.data.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(mutations).sort());
  });
  it.each(Object.entries(mutations))('%s: anonymous 401, reader 403, only its role gets userErrors', async (name, [call, role]) => {
    const callers: [string | undefined, number, string | undefined][] = [
      [undefined, 401, 'UNAUTHENTICATED'],
      [reader, 403, 'FORBIDDEN'],
      role === 'ADMIN' ? [editor, 403, 'FORBIDDEN'] : [editor, 200, undefined],
      [admin, 200, undefined],
    ];
    for (const [bearer, status, code] of callers) {
      const answer = await post(`mutation { ${call} { userErrors { code } } }`, {}, bearer);
      expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([status, code]);
      if (!code) expect(answer.body.data[name].userErrors.length).toBeGreaterThan(0);
    }
  });
});
