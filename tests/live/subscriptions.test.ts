import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTestServer, post, REPORT, REVISE, reportInput, sleep } from './support.js';

/*
 * Subscriptions over a real WebSocket on one in-process server: delivery after commit with the
 * list's filter, nested fields through the normal resolvers, nothing from a rolled-back write,
 * and the query limits applied to subscriptions.
 */
let live: Awaited<ReturnType<typeof liveTestServer>>;
let url: string;
let editor: string;
let targets: { sourceId: string; eventId: string };
const connect = (init: Record<string, unknown> = {}) => live.connect(init);

beforeAll(async () => {
  live = await liveTestServer({ maxQueryCost: 400 });
  ({ url, editor, targets } = live);
});
afterAll(() => live?.close());

const CASUALTY_CHANGED = `subscription ($filter: CasualtyFilter) {
  casualtyChanged(filter: $filter) { kind casualty { id revision figure { best } victimCountry { code } event { id title } } } }`;

describe('casualtyChanged', () => {
  it('delivers a committed report to subscribers whose filter matches, with nested fields, and nothing to the others', async () => {
    const client = await connect();
    client.subscribe('iq', CASUALTY_CHANGED, { filter: { country: 'IQ' } });
    client.subscribe('us', CASUALTY_CHANGED, { filter: { country: 'US' } });
    await sleep(100); // the subscriptions are registered when their first statement ran; give them a moment
    const reported = await post(url, REPORT, { input: reportInput(targets, 'IQ', 7) }, editor);
    expect(reported.body.data.casualtyReport.userErrors).toEqual([]);
    const [first] = await client.waitForResults('iq', 1);
    expect(first.errors).toBeUndefined();
    expect(first.data.casualtyChanged).toMatchObject({
      kind: 'REPORTED',
      casualty: { id: reported.body.data.casualtyReport.casualty.id, revision: 1, figure: { best: 7 }, victimCountry: { code: 'IQ' } },
    });
    expect(first.data.casualtyChanged.casualty.event.id).toBe(targets.eventId);
    await sleep(300);
    expect(client.results('us')).toEqual([]);
  });

  it('publishes a revision once committed, and nothing for a revision that is rolled back', async () => {
    const client = await connect();
    client.subscribe('all', CASUALTY_CHANGED);
    await sleep(100);
    const reported = await post(url, REPORT, { input: reportInput(targets, 'IR', 3) }, editor);
    const id = reported.body.data.casualtyReport.casualty.id;
    await client.waitForResults('all', 1);
    const revise = (expectedRevision: number, best: number) =>
      post(
        url,
        REVISE,
        {
          input: {
            casualty: id,
            expectedRevision,
            figure: { low: best, best, high: best, qualifier: 'EXACT', wording: `${best} killed` },
            citation: { source: targets.sourceId, passage: `${best} killed` },
            reason: 'recount',
          },
        },
        editor,
      );
    // Stale: the transaction rolls back with a userError.
    expect((await revise(5, 4)).body.data.casualtyRevise.userErrors.map((e: { code: string }) => e.code)).toEqual(['STALE']);
    expect((await revise(1, 4)).body.data.casualtyRevise.userErrors).toEqual([]);
    const results = await client.waitForResults('all', 2);
    await sleep(300);
    expect(client.results('all').map((r) => [r.data.casualtyChanged.kind, r.data.casualtyChanged.casualty.figure.best])).toEqual([
      ['REPORTED', 3],
      ['REVISED', 4],
    ]);
    expect(results[1].data.casualtyChanged.casualty.revision).toBe(2);
  });

  it('stops delivering when the client completes the subscription', async () => {
    const client = await connect();
    client.subscribe('x', CASUALTY_CHANGED);
    await sleep(100);
    client.complete('x');
    await sleep(100);
    await post(url, REPORT, { input: reportInput(targets, 'IQ', 2) }, editor);
    await sleep(400);
    expect(client.results('x')).toEqual([]);
  });
});

describe('one execution per change, operation and roles', () => {
  it('subscribers with different roles get what each may see (the editor of a version is shown to editors only)', async () => {
    const REVISIONS = `subscription { casualtyChanged(filter: { country: "LB" }) { casualty { revisions { revision editor } } } }`;
    const anonymous = await connect();
    const editing = await connect({ authorization: `Bearer ${editor}` });
    const another = await connect({ authorization: `Bearer ${editor}` });
    for (const client of [anonymous, editing, another]) client.subscribe('r', REVISIONS);
    await sleep(100);
    await post(url, REPORT, { input: reportInput(targets, 'LB', 4) }, editor);
    const [seen] = await anonymous.waitForResults('r', 1);
    const [shown] = await editing.waitForResults('r', 1);
    expect(seen.data.casualtyChanged.casualty.revisions).toEqual([{ revision: 1, editor: null }]);
    expect(shown.data.casualtyChanged.casualty.revisions).toEqual([{ revision: 1, editor: 'edna' }]);
    expect((await another.waitForResults('r', 1))[0]).toEqual(shown);
  });
});

describe('deploymentChanged', () => {
  it('uses the deployments list filter: a report on one force reaches its subscriber, not one following another force', async () => {
    const client = await connect();
    const DEPLOYMENT_CHANGED = `subscription ($filter: DeploymentFilter) {
      deploymentChanged(filter: $filter) { kind deployment { id troops status forceCountry { code } } } }`;
    client.subscribe('us', DEPLOYMENT_CHANGED, { filter: { forceCountry: 'US' } });
    client.subscribe('ir', DEPLOYMENT_CHANGED, { filter: { forceCountry: 'IR' } });
    await sleep(100);
    const reported = await post(
      url,
      `mutation ($input: DeploymentReportInput!) { deploymentReport(input: $input) { deployment { id } userErrors { code } } }`,
      {
        input: {
          figure: { low: 750, best: 750, high: 750, qualifier: 'EXACT', wording: '750 paratroopers' },
          status: 'DEPLOYED',
          troops: 'paratroopers',
          forceCountry: 'US',
          occurredOn: { date: '2020-01-01', precision: 'DAY' },
          citation: { source: targets.sourceId, passage: '750 paratroopers' },
        },
      },
      editor,
    );
    expect(reported.body.data.deploymentReport.userErrors).toEqual([]);
    const [result] = await client.waitForResults('us', 1);
    expect(result.data.deploymentChanged).toEqual({
      kind: 'REPORTED',
      deployment: {
        id: reported.body.data.deploymentReport.deployment.id,
        troops: 'paratroopers',
        status: 'DEPLOYED',
        forceCountry: { code: 'US' },
      },
    });
    await sleep(300);
    expect(client.results('ir')).toEqual([]);
  });
});

describe('the same limits as queries', () => {
  it('refuses queries and mutations on the socket, too deep or too costly operations, malformed filters', async () => {
    const client = await connect();
    client.subscribe('q', '{ events(first: 1) { nodes { id } } }');
    const q = await client.waitFor((m) => m.id === 'q' && m.type === 'error');
    expect(q.payload[0].extensions.code).toBe('BAD_REQUEST');

    const deep = `subscription { eventChanged { event { casualties { event { casualties { event { casualties { event {
      casualties { event { casualties { event { id } } } } } } } } } } } } }`;
    client.subscribe('deep', deep);
    const d = await client.waitFor((m) => m.id === 'deep' && m.type === 'error');
    expect(d.payload[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });

    // 100 groups × their events' titles and casualties: over MAX_QUERY_COST (400 here), as the same selection in a query.
    const costly = `subscription { casualtyStatsChanged(groupBy: [EVENT]) { groups(first: 100) {
      key { event { title summary casualties { id } } } } } }`;
    client.subscribe('cost', costly);
    const c = await client.waitFor((m) => m.id === 'cost' && m.type === 'error');
    expect(c.payload[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', maximum: 400 });

    client.subscribe('bad', CASUALTY_CHANGED, { filter: { event: 'not-an-id' } });
    const b = await client.waitFor((m) => m.id === 'bad' && (m.type === 'next' || m.type === 'error'));
    expect((b.payload.errors ?? b.payload)[0].extensions.code).toBe('BAD_USER_INPUT');
    // The socket survives refused operations.
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });
});
