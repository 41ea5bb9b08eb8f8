import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const DEPLOYMENTS = `
  query D($filter: DeploymentFilter) {
    deployments(first: 50, filter: $filter) {
      totalCount
      nodes {
        status troops isCurrent
        figure { low best high qualifier wording }
        forceCountry { code }
        destination { name }
        destinationCountry { code }
        orderedBy { name }
        supersedes { status figure { wording } }
        supersededBy { status }
        citation { attribution }
      }
    }
  }
`;

describe('troop deployments', () => {
  it('shows each movement once, at its latest status: 750 deployed, 3,000 being sent, 5,200 stationed, and unsized reinforcements', async () => {
    const { deployments } = dataOf(await t.query(DEPLOYMENTS));
    const summary = deployments.nodes.map((d: any) => [d.status, d.figure.best, d.figure.qualifier, d.figure.wording]);
    expect(summary).toEqual([
      ['ANNOUNCED', null, 'UNKNOWN', 'additional forces'],
      ['DEPLOYED', 750, 'APPROXIMATE', 'roughly 750 U.S. soldiers'],
      ['ANNOUNCED', 3000, 'APPROXIMATE', 'around 3,000 more service members'],
      ['STATIONED', 5200, 'APPROXIMATE', 'roughly 5,200 troops already in Iraq'],
    ]);
    expect(deployments.nodes.every((d: any) => d.isCurrent && d.supersededBy === null && d.forceCountry.code === 'US')).toBe(true);
  });

  it('keeps the earlier reports they supersede: 750 announced, 3,000 that "could possibly be deployed"', async () => {
    const { deployments } = dataOf(await t.query(DEPLOYMENTS, { filter: { includeSuperseded: true } }));
    expect(deployments.totalCount).toBe(6);
    const deployed750 = deployments.nodes.find((d: any) => d.status === 'DEPLOYED');
    expect(deployed750.supersedes).toEqual({ status: 'ANNOUNCED', figure: { wording: 'Approximately 750 troops' } });
    expect(deployed750.orderedBy).toEqual({ name: 'Donald Trump' });
    const planned = deployments.nodes.find((d: any) => d.status === 'PLANNED');
    expect(planned).toMatchObject({
      isCurrent: false,
      figure: { low: 3000, best: 3000, high: 3000, qualifier: 'EXACT', wording: 'another 3,000' },
      supersededBy: { status: 'ANNOUNCED' },
    });
  });

  it('filters by destination country and status, with the AP credited for the 5,200 in Iraq', async () => {
    const { deployments } = dataOf(await t.query(DEPLOYMENTS, { filter: { destinationCountry: 'IQ', statuses: ['STATIONED'] } }));
    expect(deployments.nodes).toHaveLength(1);
    expect(deployments.nodes[0]).toMatchObject({
      troops: 'troops',
      destination: { name: 'Iraq' },
      destinationCountry: { code: 'IQ' },
      citation: { attribution: 'according to the AP' },
    });
  });

  it("lists an event's deployments, superseded reports included", async () => {
    const { events } = dataOf(
      await t.query(
        `{ events(first: 1, filter: { kinds: [EMBASSY_BREACH] }) { nodes { deployments { status figure { wording } isCurrent } } } }`,
      ),
    );
    expect(events.nodes[0].deployments).toEqual([
      { status: 'ANNOUNCED', figure: { wording: 'additional forces' }, isCurrent: true },
      { status: 'ANNOUNCED', figure: { wording: 'Approximately 750 troops' }, isCurrent: false },
      { status: 'DEPLOYED', figure: { wording: 'roughly 750 U.S. soldiers' }, isCurrent: true },
      { status: 'PLANNED', figure: { wording: 'another 3,000' }, isCurrent: false },
    ]);
  });
});
