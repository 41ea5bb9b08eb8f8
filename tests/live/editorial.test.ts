import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTestServer, post, REPORT, reportInput, sleep, token } from './support.js';

/*
 * The editors' other writes reach subscribers too: events created, updated and retracted, and
 * retractions of casualty records and deployment reports, which their followers must hear of
 * even though the lists no longer show the records.
 */
let live: Awaited<ReturnType<typeof liveTestServer>>;
let url: string;
let editor: string;
let admin: string;
let targets: { sourceId: string; eventId: string };
const connect = (init: Record<string, unknown> = {}) => live.connect(init);

beforeAll(async () => {
  live = await liveTestServer();
  ({ url, editor, targets } = live);
  admin = await token({ sub: 'ada', roles: ['ADMIN'] });
});
afterAll(() => live?.close());

const EVENT_CHANGED = `subscription ($filter: EventFilter) {
  eventChanged(filter: $filter) { kind id event { id title revision retracted { reason by } } } }`;
const CASUALTY_CHANGED = `subscription ($filter: CasualtyFilter) {
  casualtyChanged(filter: $filter) { kind id casualty { id figure { best } retracted { reason } event { id retracted { reason } } } } }`;
const RETRACT = (name: string) => `mutation ($input: RetractInput!) { ${name}(input: $input) { userErrors { field code } } }`;

const protest = (title: string) => ({
  title,
  summary: `${title}, as the wire reported it.`,
  kind: 'PROTEST',
  occurredOn: { date: '2020-01-10', precision: 'DAY' },
  citation: { source: targets.sourceId, passage: title },
});

async function retract(name: string, id: string, expectedRevision: number, reason: string) {
  const answer = await post(url, RETRACT(name), { input: { id, expectedRevision, reason } }, admin);
  expect(answer.body.data[name].userErrors).toEqual([]);
}

describe('eventChanged', () => {
  it('sends CREATED, UPDATED and RETRACTED to a matching filter, in commit order, and nothing to another kind', async () => {
    const anonymous = await connect();
    anonymous.subscribe('protests', EVENT_CHANGED, { filter: { kinds: ['PROTEST'] } });
    anonymous.subscribe('strikes', EVENT_CHANGED, { filter: { kinds: ['AIRSTRIKE'] } });
    const administering = await connect({ authorization: `Bearer ${admin}` });
    administering.subscribe('protests', EVENT_CHANGED, { filter: { kinds: ['PROTEST'] } });
    await sleep(100);

    const created = await post(
      url,
      `mutation ($input: EventCreateInput!) { eventCreate(input: $input) { event { id } userErrors { code } } }`,
      { input: protest('March on the embassy') },
      editor,
    );
    expect(created.body.data.eventCreate.userErrors).toEqual([]);
    const id = created.body.data.eventCreate.event.id;
    const updated = await post(
      url,
      `mutation ($input: EventUpdateInput!) { eventUpdate(input: $input) { userErrors { code } } }`,
      {
        input: { event: id, expectedRevision: 1, title: 'March on the US embassy', citation: protest('March on the US embassy').citation },
      },
      editor,
    );
    expect(updated.body.data.eventUpdate.userErrors).toEqual([]);
    await retract('eventRetract', id, 2, 'a rally, not a march');

    const seen = await anonymous.waitForResults('protests', 3);
    expect(seen.map((r) => r.data.eventChanged)).toEqual([
      { kind: 'CREATED', id, event: { id, title: 'March on the embassy', revision: 1, retracted: null } },
      { kind: 'UPDATED', id, event: { id, title: 'March on the US embassy', revision: 2, retracted: null } },
      // A reader is told which event was withdrawn, not what it said.
      { kind: 'RETRACTED', id, event: null },
    ]);
    const [, , shown] = await administering.waitForResults('protests', 3);
    expect(shown.data.eventChanged).toEqual({
      kind: 'RETRACTED',
      id,
      event: { id, title: 'March on the US embassy', revision: 3, retracted: { reason: 'a rally, not a march', by: 'ada' } },
    });
    await sleep(300);
    expect(anonymous.results('strikes')).toEqual([]);
  });

  it('publishes nothing for an update refused as STALE', async () => {
    const client = await connect();
    client.subscribe('all', EVENT_CHANGED);
    await sleep(100);
    const created = await post(
      url,
      `mutation ($input: EventCreateInput!) { eventCreate(input: $input) { event { id } } }`,
      { input: protest('Sit-in at the ministry') },
      editor,
    );
    const id = created.body.data.eventCreate.event.id;
    const stale = await post(
      url,
      `mutation ($input: EventUpdateInput!) { eventUpdate(input: $input) { userErrors { code } } }`,
      { input: { event: id, expectedRevision: 7, title: 'Never', citation: protest('Never').citation } },
      editor,
    );
    expect(stale.body.data.eventUpdate.userErrors).toEqual([{ code: 'STALE' }]);
    await client.waitForResults('all', 1);
    await sleep(400);
    expect(client.results('all').map((r) => r.data.eventChanged.kind)).toEqual(['CREATED']);
  });
});

describe('retractions of facts', () => {
  it('tells the followers of a casualty record, and the statistics, that it was retracted; not those of another country', async () => {
    const reported = await post(url, REPORT, { input: reportInput(targets, 'CH', 11) }, editor);
    const casualty = reported.body.data.casualtyReport.casualty.id;
    const client = await connect();
    client.subscribe('ch', CASUALTY_CHANGED, { filter: { country: 'CH' } });
    client.subscribe('gr', CASUALTY_CHANGED, { filter: { country: 'GR' } });
    client.subscribe('stats', `subscription { casualtyStatsChanged(filter: { country: "CH" }) { changedRecords total { best } } }`);
    const administering = await connect({ authorization: `Bearer ${admin}` });
    administering.subscribe('ch', CASUALTY_CHANGED, { filter: { country: 'CH' } });
    await sleep(100);
    const before = await post(url, `{ casualtyStats(filter: { country: "CH" }) { total { best } } }`);
    await retract('casualtyRetract', casualty, 1, 'counted twice');

    const [change] = await client.waitForResults('ch', 1);
    expect(change.data.casualtyChanged).toEqual({ kind: 'RETRACTED', id: casualty, casualty: null });
    const [shown] = await administering.waitForResults('ch', 1);
    expect(shown.data.casualtyChanged).toEqual({
      kind: 'RETRACTED',
      id: casualty,
      casualty: {
        id: casualty,
        figure: { best: 11 },
        retracted: { reason: 'counted twice' },
        event: { id: targets.eventId, retracted: null },
      },
    });
    const [stats] = await client.waitForResults('stats', 1);
    expect(stats.data.casualtyStatsChanged).toEqual({
      changedRecords: 1,
      total: { best: before.body.data!.casualtyStats.total.best - 11 },
    });
    await sleep(300);
    expect(client.results('gr')).toEqual([]);
  });

  it('an event’s retraction retracts its casualty records, and says so for each', async () => {
    const created = await post(
      url,
      `mutation ($input: EventCreateInput!) { eventCreate(input: $input) { event { id } } }`,
      { input: protest('Clashes at the checkpoint') },
      editor,
    );
    const event = created.body.data.eventCreate.event.id;
    const ids: string[] = [];
    for (const best of [2, 5]) {
      const reported = await post(url, REPORT, { input: { ...reportInput(targets, 'QA', best), event } }, editor);
      ids.push(reported.body.data.casualtyReport.casualty.id);
    }
    const client = await connect();
    client.subscribe('qa', CASUALTY_CHANGED, { filter: { event } });
    const administering = await connect({ authorization: `Bearer ${admin}` });
    administering.subscribe('qa', CASUALTY_CHANGED, { filter: { event } });
    await sleep(100);
    await retract('eventRetract', event, 1, 'did not happen');
    const changes = await client.waitForResults('qa', 2);
    expect(changes.map((r) => r.data.casualtyChanged).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...ids].sort().map((id) => ({ kind: 'RETRACTED', id, casualty: null })),
    );
    // An admin gets each record with its retracted event.
    const shown = await administering.waitForResults('qa', 2);
    for (const result of shown) {
      expect(result.errors).toBeUndefined();
      expect(result.data.casualtyChanged.casualty.event).toEqual({ id: event, retracted: { reason: 'did not happen' } });
    }
  });

  it('retracting the current report of a movement announces it, and the report before it as current again', async () => {
    const DEPLOYMENT_CHANGED = `subscription { deploymentChanged(filter: { forceCountry: "IL" }) { kind id deployment { id troops } } }`;
    const report = async (troops: string, supersedes?: string) => {
      const answer = await post(
        url,
        `mutation ($input: DeploymentReportInput!) { deploymentReport(input: $input) { deployment { id } userErrors { code } } }`,
        {
          input: {
            figure: { best: 400, qualifier: 'APPROXIMATE', wording: 'about 400 troops' },
            status: supersedes ? 'DEPLOYED' : 'ANNOUNCED',
            troops,
            forceCountry: 'IL',
            occurredOn: { date: '2020-01-08', precision: 'DAY' },
            citation: { source: targets.sourceId, passage: 'about 400 troops' },
            supersedes,
          },
        },
        editor,
      );
      expect(answer.body.data.deploymentReport.userErrors).toEqual([]);
      return answer.body.data.deploymentReport.deployment.id as string;
    };
    const announced = await report('marines');
    const deployed = await report('marines, landed', announced);
    const client = await connect();
    client.subscribe('il', DEPLOYMENT_CHANGED);
    await sleep(100);
    await retract('deploymentRetract', deployed, 1, 'they never landed');
    const changes = await client.waitForResults('il', 2);
    expect(changes.map((r) => r.data.deploymentChanged)).toEqual([
      { kind: 'RETRACTED', id: deployed, deployment: null },
      { kind: 'REVISED', id: announced, deployment: { id: announced, troops: 'marines' } },
    ]);
  });
});
