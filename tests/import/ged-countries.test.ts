import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GW_TO_ISO, UCDP_NAME_TO_GW, isoForCountry, isoForGw, isoForGwList } from '../../src/import/ucdp-ged/countries.js';

const SAMPLE = 'seeds/ucdp-ged/ged231-global-sample.csv';
const rows = parse<Record<string, string>>(readFileSync(SAMPLE), { columns: true, bom: true });

describe('GED countries → ISO 3166-1 alpha-2', () => {
  it('maps every country name/number pair of the sample, and every gwnoa/gwnob number', () => {
    const pairs = new Set(rows.map((r) => `${r.country}|${r.country_id}`));
    expect(pairs.size).toBe(59); // the README: 59 countries
    for (const pair of pairs) {
      const [name, id] = pair.split('|') as [string, string];
      expect(isoForCountry(name, id), pair).toMatchObject({ ok: true, gw: Number(id) });
    }
    const sides = new Set(
      rows
        .flatMap((r) => [r.gwnoa!, r.gwnob!])
        .flatMap((v) => v.split(','))
        .filter((v) => v.trim() !== ''),
    );
    for (const gw of sides) expect(isoForGw(gw), gw).toMatchObject({ ok: true });
  });

  it('gives the right codes for renamed and successor states', () => {
    const iso = (name: string, id: string) => isoForCountry(name, id);
    expect(iso('DR Congo (Zaire)', '490')).toEqual({ ok: true, iso: 'CD', gw: 490 });
    expect(iso('Yemen (North Yemen)', '678')).toEqual({ ok: true, iso: 'YE', gw: 678 });
    expect(iso('Russia (Soviet Union)', '365')).toEqual({ ok: true, iso: 'RU', gw: 365 });
    expect(iso('Serbia (Yugoslavia)', '345')).toEqual({ ok: true, iso: 'RS', gw: 345 });
    expect(iso('Macedonia, FYR', '343')).toEqual({ ok: true, iso: 'MK', gw: 343 });
    expect(iso('Kingdom of eSwatini (Swaziland)', '572')).toEqual({ ok: true, iso: 'SZ', gw: 572 });
    expect(iso('Ivory Coast', '437')).toEqual({ ok: true, iso: 'CI', gw: 437 });
    expect(iso('Cambodia (Kampuchea)', '811')).toEqual({ ok: true, iso: 'KH', gw: 811 });
    expect(isoForGwList('2')).toEqual({ ok: true, isos: ['US'] });
    expect(isoForGwList('531, 2')).toEqual({ ok: true, isos: ['ER', 'US'] });
    expect(isoForGwList('')).toEqual({ ok: true, isos: [] });
  });

  it('rejects, never guesses, unknown names, unknown numbers and disagreeing pairs', () => {
    expect(isoForCountry('Atlantis', '615')).toEqual({ ok: false, field: 'name', reason: 'unknown UCDP country name "Atlantis"' });
    expect(isoForCountry('Congo', '490')).toEqual({ ok: false, field: 'name', reason: 'unknown UCDP country name "Congo"' });
    expect(isoForCountry('Algeria', '999')).toEqual({ ok: false, field: 'number', reason: 'unknown Gleditsch–Ward number 999' });
    expect(isoForCountry('Algeria', 'DZ')).toEqual({ ok: false, field: 'number', reason: 'not a Gleditsch–Ward number: "DZ"' });
    expect(isoForCountry('Algeria', '652')).toEqual({
      ok: false,
      field: 'name',
      reason: 'country "Algeria" is Gleditsch–Ward 615, but country_id is 652',
    });
    expect(isoForCountry('constructor', '615')).toMatchObject({ ok: false, field: 'name' });
    expect(isoForGwList('615, 9999')).toEqual({ ok: false, field: 'number', reason: 'unknown Gleditsch–Ward number 9999' });
  });

  it('keeps the tables consistent: distinct two-letter codes, every name on a known number', () => {
    const codes = Object.values(GW_TO_ISO);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [name, gw] of Object.entries(UCDP_NAME_TO_GW)) expect(GW_TO_ISO[gw], name).toBeDefined();
  });
});
