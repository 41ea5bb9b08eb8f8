import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

// Event search matches the words of title and summary, and the names and aliases of participants
// with the typo tolerance of actor search.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const SEARCH = `query S($search: String!) { events(first: 50, filter: { search: $search }) { totalCount nodes { title } } }`;
const titles = async (search: string): Promise<string[]> => dataOf(await t.query(SEARCH, { search })).events.nodes.map((e: any) => e.title);

const STRIKES = 'U.S. strikes kill 25 militia members';
const SOLEIMANI_KILLED = 'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike';

describe('event search', () => {
  it('finds the events Qasem Soleimani took part in under a spelling no source used ("Suleimani")', async () => {
    const found = await titles('Suleimani');
    const { actors } = dataOf(await t.query(`{ actors(first: 5, filter: { search: "Suleimani" }) { nodes { name events { title } } } }`));
    expect(actors.nodes.map((a: any) => a.name)).toEqual(['Qasem Soleimani']);
    expect(found).toContain(SOLEIMANI_KILLED);
    expect(found).toEqual(expect.arrayContaining(actors.nodes[0].events.map((e: any) => e.title)));
  });

  it('finds the Dec 29 strikes on Kataeb Hezbollah as "Kataib" and "Kata\'ib"', async () => {
    for (const search of ['Kataib', "Kata'ib", 'kataib hezbollah']) expect(await titles(search), search).toContain(STRIKES);
    const { actors } = dataOf(await t.query(`{ actors(first: 5, filter: { search: "Kataib" }) { nodes { name } } }`));
    expect(actors.nodes.map((a: any) => a.name)).toEqual(['Kataeb Hezbollah']);
  });

  it('still finds words of the text, and counts what it finds', async () => {
    const { events } = dataOf(await t.query(SEARCH, { search: 'rockets' }));
    expect(events.nodes.map((e: any) => e.title)).toContain('U.S. defense contractor killed in rocket attack in Iraq');
    expect(events.totalCount).toBe(events.nodes.length);
    expect(await titles('"flagrant violation"')).toContain(STRIKES);
  });

  it('finds nothing for a name nobody has', async () => {
    expect(await titles('Zzyzx Qwrtplk')).toEqual([]);
  });

  it('combines with other filters', async () => {
    const { events } = dataOf(
      await t.query(`{ events(first: 50, filter: { search: "Suleimani", kinds: [TARGETED_KILLING] }) { nodes { title kind } } }`),
    );
    expect(events.nodes).toEqual([{ title: SOLEIMANI_KILLED, kind: 'TARGETED_KILLING' }]);
  });
});
