import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

// A place can lie in several countries; filters by country find its events under each, and
// statistics (which count victims by the victims' own country) still count each casualty once.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const EVENTS = `query E($country: CountryCode!) {
  events(first: 100, filter: { country: $country }) { totalCount nodes { title location { name country { code } countries { code name } } } }
}`;
const STATS = `query S($country: CountryCode) {
  casualtyStats(filter: { country: $country }, groupBy: [COUNTRY]) {
    total { best records }
    groups(first: 100) { nodes { key { country { code } } total { best records } } }
  }
}`;

const STRIKES = 'U.S. strikes kill 25 militia members';

describe('the article: the Dec 29 strikes', () => {
  it('are found by events(filter: { country: IQ }), at a place in Iraq', async () => {
    const { events } = dataOf(await t.query(EVENTS, { country: 'IQ' }));
    const strikes = events.nodes.find((e: any) => e.title === STRIKES);
    expect(strikes?.location).toEqual({
      name: 'Five Kataeb Hezbollah sites',
      country: { code: 'IQ' },
      countries: [{ code: 'IQ', name: 'Iraq' }],
    });
  });

  it('leave a region in no country', async () => {
    const { events } = dataOf(await t.query(`{ events(first: 100) { nodes { location { name country { code } countries { code } } } } }`));
    const region = events.nodes.find((e: any) => e.location?.name === 'Middle East');
    expect(region?.location).toEqual({ name: 'Middle East', country: null, countries: [] });
  });
});

describe('a place in two countries', () => {
  const title = `Strikes on sites in Iraq and Syria ${Date.now()}`;
  let before: any;

  beforeAll(async () => {
    before = dataOf(await t.query(STATS, {})).casualtyStats;
    const db = t.database.handle.db;
    await db.execute(sql`INSERT INTO countries (code, name) VALUES ('SY', 'Syria') ON CONFLICT DO NOTHING`);
    const [place] = await queryRows<{ id: number }>(db, sql`INSERT INTO locations (name) VALUES (${`Sites ${title}`}) RETURNING id`);
    await db.execute(sql`INSERT INTO location_countries (location_id, country_code) VALUES (${place!.id}, 'IQ'), (${place!.id}, 'SY')`);
    const [citation] = await queryRows<{ id: number }>(db, sql`SELECT min(id) AS id FROM citations`);
    const [event] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO events (title, summary, kind, occurred_on, occurred_precision, location_id, citation_id)
      VALUES (${title}, 'Airstrikes on five sites.', 'AIRSTRIKE', '2019-12-29', 'DAY', ${place!.id}, ${citation!.id}) RETURNING id`,
    );
    await db.execute(sql`INSERT INTO casualties (event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, victim_description,
        victim_country_code, occurred_on, occurred_precision, citation_id)
      VALUES (${event!.id}, 'KILLED', 7, 7, 7, 'EXACT', '7 fighters', 'fighters', 'IQ', '2019-12-29', 'DAY', ${citation!.id})`);
  });

  it('is found under each of its countries, and lists both', async () => {
    for (const country of ['IQ', 'SY']) {
      const { events } = dataOf(await t.query(EVENTS, { country }));
      const found = events.nodes.find((e: any) => e.title === title);
      expect(found?.location.countries, country).toEqual([
        { code: 'IQ', name: 'Iraq' },
        { code: 'SY', name: 'Syria' },
      ]);
      // Deprecated single country: none for a place in several.
      expect(found?.location.country).toBeNull();
    }
    const { events } = dataOf(await t.query(EVENTS, { country: 'SY' }));
    expect(events.totalCount).toBe(1);
  });

  it("counts its casualties once, under the victims' country", async () => {
    const after = dataOf(await t.query(STATS, {})).casualtyStats;
    expect(after.total.records).toBe(before.total.records + 1);
    expect(after.total.best).toBe(before.total.best + 7);
    const byCountry = (stats: any) => Object.fromEntries(stats.groups.nodes.map((g: any) => [g.key.country?.code ?? null, g.total]));
    expect(byCountry(after).IQ).toEqual({ best: byCountry(before).IQ.best + 7, records: byCountry(before).IQ.records + 1 });
    expect(byCountry(after).SY).toBeUndefined();
    const sum = after.groups.nodes.reduce((n: number, g: any) => n + g.total.best, 0);
    expect(sum).toBe(after.total.best);
  });
});
