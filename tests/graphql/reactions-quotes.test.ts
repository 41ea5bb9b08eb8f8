import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('reactions to the Soleimani strike', () => {
  it("groups them by the reacting actors' country: Iran, United States, Iraq, Israel", async () => {
    const { events } = dataOf(
      await t.query(`{
        events(first: 1, filter: { kinds: [TARGETED_KILLING] }) {
          nodes { reactionsByCountry { country { code name } actorCount reactions { stance actor { name } } } }
        }
      }`),
    );
    const groups = events.nodes[0].reactionsByCountry;
    expect(groups.map((g: any) => [g.country.name, g.actorCount])).toEqual([
      ['Iran', 6],
      ['United States', 5],
      ['Iraq', 1],
      ['Israel', 1],
    ]);
    const actorsOf = (i: number) => [...new Set(groups[i].reactions.map((r: any) => r.actor.name))].sort();
    expect(actorsOf(0)).toEqual([
      'Ali Khamenei',
      'Government of Iran',
      'Hassan Rouhani',
      'Iranian state television',
      'Mohammad Javad Zarif',
      'Tehran protesters',
    ]);
    expect(actorsOf(1)).toEqual(['Donald Trump', 'Mike Pompeo', 'Nancy Pelosi', 'U.S. Department of Defense', 'United States government']);
    expect(groups[2].reactions).toEqual([{ stance: 'CONDEMNATION', actor: { name: 'Adel Abdul-Mahdi' } }]);
    expect(groups[3].reactions).toEqual([{ stance: 'SUPPORT', actor: { name: 'Benjamin Netanyahu' } }]);
  });

  it('keeps reactions of actors tied to no country (the European allies) in the full list', async () => {
    const { events } = dataOf(
      await t.query(
        `{ events(first: 1, filter: { kinds: [TARGETED_KILLING] }) { nodes { reactions { stance summary actor { name country { code } } } } } }`,
      ),
    );
    const european = events.nodes[0].reactions.filter((r: any) => r.actor.name === 'European allies');
    expect(european.map((r: any) => r.stance).sort()).toEqual(['CALL_FOR_RESTRAINT', 'SUPPORT']);
    expect(european[0].actor.country).toBeNull();
  });
});

describe('quotes', () => {
  const QUOTES = `query Q($filter: QuoteFilter) { quotes(first: 100, filter: $filter) { totalCount nodes { text medium saidOn { date } speaker { name } event { title } source { outlet } citation { attribution } } } }`;

  it('prints Netanyahu verbatim, attributed, dated and sourced', async () => {
    const { actors } = dataOf(await t.query(`{ actors(first: 2, filter: { search: "Netanyahu" }) { nodes { id } } }`));
    const { quotes } = dataOf(await t.query(QUOTES, { filter: { speaker: actors.nodes[0].id } }));
    expect(quotes.nodes).toEqual([
      {
        text: 'President Trump deserves all the credit for acting swiftly, forcefully and decisively,',
        medium: 'REMARKS_TO_REPORTERS',
        saidOn: { date: '2020-01-03' },
        speaker: { name: 'Benjamin Netanyahu' },
        event: { title: 'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike' },
        source: { outlet: 'TIME' },
        citation: { attribution: null },
      },
      {
        text: 'Israel stands with the United States in its righteous struggle for peace, security and self-defense.',
        medium: 'REMARKS_TO_REPORTERS',
        saidOn: { date: '2020-01-03' },
        speaker: { name: 'Benjamin Netanyahu' },
        event: { title: 'Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike' },
        source: { outlet: 'TIME' },
        citation: { attribution: null },
      },
    ]);
  });

  it('keeps the article\'s typos inside quotes and finds them by substring ("rouge")', async () => {
    const { quotes } = dataOf(await t.query(QUOTES, { filter: { search: 'rouge' } }));
    expect(quotes.nodes.map((q: any) => [q.speaker.name, q.text])).toEqual([
      ['Mohammad Javad Zarif', 'the US bears responsibility for all consequences of its rouge adventurism.'],
    ]);
  });

  it('searches with stemming ("escalations" finds "escalation") and filters by speaker country and medium', async () => {
    const { quotes } = dataOf(await t.query(QUOTES, { filter: { search: 'escalations' } }));
    expect(quotes.nodes.map((q: any) => q.speaker.name).sort()).toEqual([
      'Mike Pompeo',
      'Mohammad Javad Zarif',
      'Nancy Pelosi',
      'Nancy Pelosi',
      'Stephanie Grisham',
    ]);
    const chants = dataOf(await t.query(QUOTES, { filter: { media: ['PROTEST_CHANT'], country: 'IR' } })).quotes;
    expect(chants.nodes.map((q: any) => q.text)).toEqual(['Death to deceitful America.']);
  });

  it('reaches every quote of a reaction through the reaction', async () => {
    const { actors } = dataOf(
      await t.query(`{ actors(first: 1, filter: { search: "Zarif" }) { nodes { reactions { stance quotes { text } } } } }`),
    );
    expect(actors.nodes[0].reactions).toEqual([
      {
        stance: 'CONDEMNATION',
        quotes: [
          { text: 'act of international terrorism,' },
          { text: 'extremely dangerous & foolish escalation,' },
          { text: 'the US bears responsibility for all consequences of its rouge adventurism.' },
        ],
      },
    ]);
  });
});

describe('actors', () => {
  const SEARCH = `query S($search: String!) { actors(first: 10, filter: { search: $search }) { totalCount nodes { name aliases kind title country { code } } } }`;

  it.each([
    ['Peolsi', 'Nancy Pelosi'],
    ['Pelosi', 'Nancy Pelosi'],
    ['Kahmeni', 'Ali Khamenei'],
    ['Qassem', 'Qasem Soleimani'],
    ['Javid Zarif', 'Mohammad Javad Zarif'],
    ['Kark Vick', 'Karl Vick'],
    ['Ghaani', 'Esmail Qaani'],
  ])('a search for "%s" finds exactly %s', async (search, name) => {
    const { actors } = dataOf(await t.query(SEARCH, { search }));
    expect(actors.nodes.map((a: any) => a.name)).toEqual([name]);
    expect(actors.totalCount).toBe(1);
  });

  it('tolerates a spelling no source used ("Khamenie")', async () => {
    const { actors } = dataOf(await t.query(SEARCH, { search: 'Khamenie' }));
    expect(actors.nodes.map((a: any) => a.name)).toContain('Ali Khamenei');
  });

  it('links militias to their umbrella body', async () => {
    const { actors } = dataOf(
      await t.query(
        `{ actors(first: 1, filter: { search: "Kataeb Hezbollah" }) { nodes { kind country { code } parent { name members { name } } } } }`,
      ),
    );
    expect(actors.nodes[0]).toEqual({
      kind: 'MILITIA',
      country: { code: 'IQ' },
      parent: { name: 'Popular Mobilization Forces', members: [{ name: 'Kataeb Hezbollah' }] },
    });
  });

  it('filters by kind and country', async () => {
    const { actors } = dataOf(await t.query(`{ actors(first: 100, filter: { kinds: [MEDIA], country: "US" }) { nodes { name } } }`));
    expect(actors.nodes.map((a: any) => a.name)).toEqual(
      expect.arrayContaining(['Associated Press', 'Bloomberg', 'TIME', 'The New York Times']),
    );
    expect(actors.nodes.map((a: any) => a.name)).not.toContain('Al Jazeera');
  });
});
