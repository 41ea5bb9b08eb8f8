import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const TIMELINE = /* GraphQL */ `
  query Timeline($filter: EventFilter, $orderBy: EventOrder) {
    events(first: 50, filter: $filter, orderBy: $orderBy) {
      totalCount
      nodes {
        id
        title
        kind
        isTimelineEntry
        occurredOn {
          date
          precision
          end
        }
        location {
          name
          country {
            code
          }
        }
        casualties {
          kind
          victims
          figure {
            low
            best
            high
            qualifier
            wording
          }
          victimCountry {
            code
          }
          citation {
            attribution
            attributedTo {
              name
            }
          }
        }
      }
    }
  }
`;

describe('the timeline', () => {
  it('lists the six dated entries in order, with the article headlines', async () => {
    const { events } = dataOf(await t.query(TIMELINE, { filter: { timelineEntry: true } }));
    expect(events.totalCount).toBe(6);
    expect(events.nodes.map((e: any) => [e.occurredOn.date, e.title])).toEqual([
      ['2019-12-27', 'U.S. defense contractor killed in rocket attack in Iraq'],
      ['2019-12-29', 'U.S. strikes kill 25 militia members'],
      ['2019-12-30', 'Iraq expresses outrage after airstrike'],
      ['2019-12-31', 'Protesters break into the U.S. Embassy compound'],
      ['2020-01-01', 'U.S. troops use tear gas and protestors called off'],
      ['2020-01-03', 'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike'],
    ]);
    expect(events.nodes.every((e: any) => e.occurredOn.precision === 'DAY' && e.isTimelineEntry)).toBe(true);
  });

  it('keeps the Dec 27 figures: 1 contractor killed (AP), 4 U.S. and 2 Iraqi service members injured (DoD)', async () => {
    const { events } = dataOf(await t.query(TIMELINE, { filter: { timelineEntry: true } }));
    const dec27 = events.nodes[0];
    expect(dec27.location).toEqual({ name: 'Iraqi military compound near Kirkuk', country: { code: 'IQ' } });
    const killed = dec27.casualties.filter((c: any) => c.kind === 'KILLED');
    const injured = dec27.casualties.filter((c: any) => c.kind === 'INJURED');
    expect(killed).toHaveLength(1);
    expect(killed[0].figure).toEqual({ low: 1, best: 1, high: 1, qualifier: 'EXACT', wording: 'A U.S. defense contractor' });
    expect(killed[0].citation.attributedTo.name).toBe('Associated Press');
    expect(injured.map((c: any) => [c.figure.best, c.victimCountry.code, c.citation.attributedTo.name])).toEqual([
      [4, 'US', 'U.S. Department of Defense'],
      [2, 'IQ', 'U.S. Department of Defense'],
    ]);
    expect(injured.reduce((sum: number, c: any) => sum + c.figure.best, 0)).toBe(6);
  });

  it('records the 25 fighters killed in the Dec 29 strikes, per the AP', async () => {
    const { events } = dataOf(await t.query(TIMELINE, { filter: { timelineEntry: true } }));
    const [killed] = events.nodes[1].casualties;
    expect(killed.figure).toEqual({ low: 25, best: 25, high: 25, qualifier: 'EXACT', wording: '25 fighters' });
    expect(killed.citation.attribution).toBe('according to the Associated Press');
  });

  it('keeps the unknown-size and open-ended figures without inventing numbers', async () => {
    const { events } = dataOf(await t.query(TIMELINE, {}));
    const figures = events.nodes.flatMap((e: any) => e.casualties.map((c: any) => c.figure));
    expect(figures).toContainEqual({ low: null, best: null, high: null, qualifier: 'UNKNOWN', wording: 'Several officials' });
    expect(figures).toContainEqual({ low: 451, best: null, high: null, qualifier: 'AT_LEAST', wording: 'more than 450 people' });
  });

  it('dates background events only as precisely as the article does', async () => {
    const { events } = dataOf(await t.query(TIMELINE, { filter: { timelineEntry: false } }));
    const protests = events.nodes.find((e: any) => e.casualties.some((c: any) => c.figure.qualifier === 'AT_LEAST'));
    expect(protests.occurredOn).toEqual({ date: '2019-10-01', precision: 'MONTH', end: '2019-10-31' });
    const withdrawal = events.nodes[0];
    expect(withdrawal.occurredOn).toEqual({ date: '2018-01-01', precision: 'YEAR', end: '2018-12-31' });
  });
});

describe('event filters', () => {
  const titles = async (filter: object, orderBy?: object) =>
    dataOf(await t.query(TIMELINE, { filter, orderBy })).events.nodes.map((e: any) => e.title);

  it('counts a month- or year-precise date as in a range only when its whole period is (WITHIN), or when it touches it (OVERLAPS)', async () => {
    const range = { from: '2019-10-15', to: '2019-12-31' };
    const within = await titles({ occurred: range });
    expect(within).toEqual([
      'Adel Abdul-Mahdi announces he will resign as Prime Minister', // November 2019
      'U.S. defense contractor killed in rocket attack in Iraq',
      'U.S. strikes kill 25 militia members',
      'Iraq expresses outrage after airstrike',
      'Protesters break into the U.S. Embassy compound',
    ]);
    const overlaps = await titles({ occurred: { ...range, match: 'OVERLAPS' } });
    expect(overlaps.filter((title: string) => !within.includes(title))).toEqual([
      'Iran attacks oil tankers in the region', // 2019, year only
      'Iran shoots down a U.S. drone',
      'Iran bombs key Saudi oil facilities',
      'Mass protests in Iraq since October', // October 2019, month only
    ]);
  });

  it('filters by kind, country, actor and full-text search', async () => {
    expect(await titles({ kinds: ['AIRSTRIKE'] })).toEqual(['U.S. strikes kill 25 militia members']);
    const inIraq = await titles({ country: 'iq', timelineEntry: true });
    // The Dec 29 strikes hit "five sites of Kataeb Hezbollah", in Iraq by the article's "Iraqi sovereignty".
    expect(inIraq).toEqual([
      'U.S. defense contractor killed in rocket attack in Iraq',
      'U.S. strikes kill 25 militia members',
      'Iraq expresses outrage after airstrike',
      'Protesters break into the U.S. Embassy compound',
      'U.S. troops use tear gas and protestors called off',
      'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike',
    ]);
    expect(await titles({ search: '"tear gas"' })).toEqual(['U.S. troops use tear gas and protestors called off']);

    const { actors } = dataOf(await t.query(`{ actors(first: 1, filter: { search: "Soleimani" }) { nodes { id } } }`));
    // The DoD says Soleimani "approved the storming of the U.S. embassy".
    expect(await titles({ actor: actors.nodes[0].id })).toEqual([
      'Protesters break into the U.S. Embassy compound',
      'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike',
    ]);
  });

  it('sorts by title or newest first on request', async () => {
    const newestFirst = await titles({ timelineEntry: true }, { field: 'OCCURRED_ON', direction: 'DESC' });
    expect(newestFirst[0]).toBe('Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike');
    const byTitle = await titles({ timelineEntry: true }, { field: 'TITLE', direction: 'ASC' });
    expect(byTitle).toEqual([...byTitle].sort((a, b) => (a < b ? -1 : 1)));
  });
});

describe('causes and consequences', () => {
  it('links each timeline event to what it answered', async () => {
    const { events } = dataOf(
      await t.query(
        `{ events(first: 6, filter: { timelineEntry: true }) { nodes { title causes { kind event { title } citation { passage } } consequences { kind event { title } } } } }`,
      ),
    );
    const [dec27, dec29, , dec31, , jan3] = events.nodes;
    expect(dec29.causes.map((l: any) => [l.kind, l.event.title])).toEqual([['RETALIATION_FOR', dec27.title]]);
    expect(dec27.consequences.map((l: any) => [l.kind, l.event.title])).toContainEqual(['RETALIATION_FOR', dec29.title]);
    expect(dec31.causes.map((l: any) => [l.kind, l.event.title])).toEqual([['RESPONSE_TO', dec29.title]]);
    expect(jan3.causes.map((l: any) => [l.kind, l.event.title])).toEqual([['RETALIATION_FOR', dec31.title]]);
    expect(dec29.causes[0].citation.passage).toContain('in retaliation for the rocket attack');
  });

  it('lists the article as the source of an event', async () => {
    const { events } = dataOf(await t.query(`{ events(first: 1) { nodes { sources { outlet title authors url } } } }`));
    expect(events.nodes[0].sources).toEqual([
      {
        outlet: 'TIME',
        title: 'Iran Vowed Retaliation After a U.S. Strike Killed a Top Iranian General. Here’s a Timeline of Recent Escalations',
        authors: ['Josiah Bates', 'Madeleine Carlisle'],
        url: null,
      },
    ]);
  });
});
