import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseGedRow, splitSourceArticle, type GedRecord } from '../../src/import/ucdp-ged/row.js';

const rows = parse<GedRecord>(readFileSync('seeds/ucdp-ged/ged231-global-sample.csv'), { columns: true, bom: true });
const byId = (id: string): GedRecord => rows.find((r) => r.id === id)!;
const withValues = (id: string, changes: Partial<Record<keyof GedRecord, string>>): GedRecord => ({ ...byId(id), ...changes });

describe('parseGedRow', () => {
  it('normalises a real row (id 1648)', () => {
    const result = parseGedRow(byId('1648'), 2);
    expect(result).toEqual({
      ok: true,
      event: {
        id: 1648,
        relid: 'ALG-1998-1-3-114',
        year: 1998,
        activeYear: true,
        codeStatus: 'Clear',
        typeOfViolence: 'STATE_BASED',
        conflict: { newId: 386, dsetId: '386', name: 'Algeria: Government' },
        dyad: { newId: 829, dsetId: '829', name: 'Government of Algeria - GIA' },
        sideA: { newId: 109, dsetId: '109', name: 'Government of Algeria', states: ['DZ'] },
        sideB: { newId: 538, dsetId: '538', name: 'GIA', states: [] },
        numberOfSources: null,
        sources: [{ outlet: null, date: null, headline: null, raw: 'Reuters, 4/13/1998 Thirty rebels, four soldiers die in Algeria' }],
        sourceArticle: 'Reuters, 4/13/1998 Thirty rebels, four soldiers die in Algeria',
        sourceOffice: null,
        sourceDate: null,
        sourceHeadline: null,
        sourceOriginal: null,
        place: {
          wherePrecision: 'WITHIN_25_KM',
          whereCoordinates: 'Batna town',
          whereDescription: 'Batna town (area of), Batna district, Batna province',
          adm1: 'Batna province',
          adm2: 'Batna commune',
          latitude: 35.555278,
          longitude: 6.178611,
          priogridGid: 181093,
          country: 'Algeria',
          countryIso: 'DZ',
          countryGw: 615,
          region: 'Africa',
        },
        eventClarity: 'HIGH',
        dateStart: '1998-04-11',
        dateEnd: '1998-04-12',
        datePrecision: 'DAYS_2_TO_6',
        deaths: { sideA: 1, sideB: 0, civilians: 1, unknown: 0, best: 2, low: 2, high: 2, intervalLow: 2, intervalHigh: 2 },
        flags: [],
      },
    });
  });

  it('keeps a row breaking low ≤ best ≤ high as reported, marks it and widens its interval (id 162326)', () => {
    const result = parseGedRow(byId('162326'), 7);
    if (!result.ok) throw new Error(JSON.stringify(result.rejects));
    expect(result.event.deaths).toMatchObject({ best: 2, low: 3, high: 2, intervalLow: 2, intervalHigh: 3 });
    expect(result.event.flags).toEqual([
      {
        code: 'BEST_OUTSIDE_INTERVAL',
        message: 'low 3, best 2, high 2 break low ≤ best ≤ high; read as the interval 2–3, values kept as reported',
      },
    ]);
  });

  it('keeps best for totals and marks the row when the four deaths columns do not add up to it', () => {
    const result = parseGedRow(withValues('1648', { deaths_unknown: '5' }), 2);
    if (!result.ok) throw new Error(JSON.stringify(result.rejects));
    expect(result.event.deaths.best).toBe(2);
    expect(result.event.flags).toEqual([
      {
        code: 'DEATHS_SUM_MISMATCH',
        message: 'deaths_a + deaths_b + deaths_civilians + deaths_unknown = 7, but best is 2; best is kept for totals',
      },
    ]);
  });

  it('accepts the true/false active_year of later releases and bare dates', () => {
    const result = parseGedRow(withValues('1648', { active_year: 'false', date_start: '1998-04-11', date_end: '1998-04-12' }), 2);
    expect(result).toMatchObject({ ok: true, event: { activeYear: false, dateStart: '1998-04-11', dateEnd: '1998-04-12' } });
  });

  it('collects every problem of a row with its line, column and a stable reason', () => {
    const result = parseGedRow(
      withValues('1648', {
        type_of_violence: '4',
        where_prec: '8',
        date_prec: '0',
        deaths_a: 'x',
        deaths_b: '-1',
        low: '2.5',
        latitude: '-90.5',
        longitude: '180.01',
        date_start: '1998-02-30 00:00:00.000',
        date_end: '12/04/1998',
        side_a: '',
        gwnoa: '615, 9999',
        active_year: 'yes',
      }),
      42,
    );
    expect(result).toEqual({
      ok: false,
      rejects: [
        { line: 42, column: 'active_year', reason: 'must be 1, 0, true or false: "yes"' },
        { line: 42, column: 'type_of_violence', reason: 'must be one of 1, 2, 3: "4"' },
        { line: 42, column: 'side_a', reason: 'required value is empty' },
        { line: 42, column: 'gwnoa', reason: 'unknown Gleditsch–Ward number 9999' },
        { line: 42, column: 'where_prec', reason: 'must be one of 1, 2, 3, 4, 5, 6, 7: "8"' },
        { line: 42, column: 'latitude', reason: 'out of range -90..90: -90.5' },
        { line: 42, column: 'longitude', reason: 'out of range -180..180: 180.01' },
        { line: 42, column: 'date_prec', reason: 'must be one of 1, 2, 3, 4, 5: "0"' },
        { line: 42, column: 'date_start', reason: 'no such day: "1998-02-30 00:00:00.000"' },
        { line: 42, column: 'date_end', reason: 'not a date (YYYY-MM-DD): "12/04/1998"' },
        { line: 42, column: 'deaths_a', reason: 'not an integer: "x"' },
        { line: 42, column: 'deaths_b', reason: 'negative: -1' },
        { line: 42, column: 'low', reason: 'not an integer: "2.5"' },
      ],
    });
  });

  it('rejects a row that ends before it starts, and unknown or disagreeing countries', () => {
    expect(parseGedRow(withValues('1648', { date_end: '1998-04-10 00:00:00.000' }), 3)).toEqual({
      ok: false,
      rejects: [{ line: 3, column: 'date_end', reason: 'ends before it starts: 1998-04-10 < 1998-04-11' }],
    });
    expect(parseGedRow(withValues('1648', { country: 'Atlantis' }), 3)).toEqual({
      ok: false,
      rejects: [{ line: 3, column: 'country', reason: 'unknown UCDP country name "Atlantis"' }],
    });
    expect(parseGedRow(withValues('1648', { country_id: '999' }), 3)).toEqual({
      ok: false,
      rejects: [{ line: 3, column: 'country_id', reason: 'unknown Gleditsch–Ward number 999' }],
    });
  });
});

describe('splitSourceArticle', () => {
  it('splits the quoted, ;-separated form into outlet, date and headline, quotes inside headlines kept', () => {
    expect(splitSourceArticle('"VDC,2012-11-21,Abdelrahman al-Raee";"VDC,2012-11-21,Ahmad Dama"')).toEqual([
      { outlet: 'VDC', date: '2012-11-21', headline: 'Abdelrahman al-Raee', raw: 'VDC,2012-11-21,Abdelrahman al-Raee' },
      { outlet: 'VDC', date: '2012-11-21', headline: 'Ahmad Dama', raw: 'VDC,2012-11-21,Ahmad Dama' },
    ]);
    const quoted = byId('467629').source_article;
    expect(splitSourceArticle(quoted)).toEqual([
      {
        outlet: 'News Rondônia',
        date: '2022-05-09',
        headline: 'URGENT: Aka "Ravengázinho" is shot in front of the residence on the east side - Video',
        raw: 'News Rondônia,2022-05-09,URGENT: Aka "Ravengázinho" is shot in front of the residence on the east side - Video',
      },
    ]);
  });

  it('keeps free text, and parts without a real date, as raw text only', () => {
    expect(splitSourceArticle('AFP 4/3-07, Reuters 5/3-07')).toEqual([
      { outlet: null, date: null, headline: null, raw: 'AFP 4/3-07, Reuters 5/3-07' },
    ]);
    expect(splitSourceArticle('"SOHR,2017-02-30,x"')).toEqual([{ outlet: null, date: null, headline: null, raw: 'SOHR,2017-02-30,x' }]);
    expect(splitSourceArticle('')).toEqual([]);
  });

  it('splits every structured source_article of the sample', () => {
    const structured = rows.filter((r) => r.source_article.startsWith('"'));
    expect(structured.length).toBe(674);
    for (const row of structured) {
      for (const source of splitSourceArticle(row.source_article)) expect(source.outlet, `${row.id}: ${source.raw}`).not.toBeNull();
    }
  });
});
