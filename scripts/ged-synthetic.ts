/**
 * Writes N synthetic rows in UCDP GED's 49-column CSV layout, deterministically (same N, same
 * file), for the import benchmark. Countries, sides and conflicts come from small pools, as in
 * the real data (a few thousand actors over a million events); every row passes validation.
 *
 *   npm run -s data:ged -- --rows 1000000 --output /tmp/ged-1m.csv
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GED_COLUMNS } from '../src/import/ucdp-ged/row.js';
import { UCDP_NAME_TO_GW } from '../src/import/ucdp-ged/countries.js';

/** Park–Miller: a tiny seeded generator, so the file is the same on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const countries = Object.entries(UCDP_NAME_TO_GW);
const day = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export async function writeSyntheticGed(path: string, rows: number): Promise<void> {
  const next = random(20_230_101);
  const pick = (n: number) => Math.floor(next() * n);
  const out = createWriteStream(path);
  let chunk = `${GED_COLUMNS.join(',')}\n`;
  for (let i = 1; i <= rows; i++) {
    const [country, gw] = countries[pick(countries.length)]!;
    const type = 1 + pick(3);
    const groupA = pick(2000);
    const groupB = 2000 + pick(2000);
    const sideA = type === 2 ? `Group ${groupA}` : `Government of ${country}`;
    const sideAId = type === 2 ? 10_000 + groupA : gw;
    const sideB = type === 3 ? 'Civilians' : `Group ${groupB}`;
    const sideBId = type === 3 ? 1 : 10_000 + groupB;
    const start = 7_000 + pick(12_000);
    const span = pick(4) === 0 ? pick(6) : 0;
    const [a, b, civ, unk] = [pick(5), type === 3 ? 0 : pick(5), pick(4), pick(3)];
    const best = a + b + civ + unk;
    const low = Math.max(0, best - pick(2));
    const high = best + pick(3);
    const year = day(start).slice(0, 4);
    const lat = (next() * 140 - 70).toFixed(6);
    const lon = (next() * 340 - 170).toFixed(6);
    const conflict = `${country}: ${type === 2 ? `Group ${groupA} - Group ${groupB}` : 'Government'}`;
    const dyad = `${sideA} - ${sideB}`;
    const record = [
      i,
      `SYN-${year}-${type}-${i}`,
      year,
      1,
      'Clear',
      type,
      sideAId,
      sideAId,
      conflict,
      i % 5000,
      i % 5000,
      dyad,
      sideAId,
      sideAId,
      sideA,
      sideBId,
      sideBId,
      sideB,
      1 + pick(3),
      `"Agence ${pick(50)},${day(start + span)},Clashes reported in district ${pick(500)}"`,
      '',
      '',
      '',
      pick(2) ? 'local media' : '',
      1 + pick(7),
      `District ${pick(500)}`,
      `District ${pick(500)} (${country})`,
      `Province ${pick(40)}`,
      '',
      lat,
      lon,
      `POINT (${lon} ${lat})`,
      100_000 + pick(150_000),
      country,
      gw,
      'Synthetic',
      1,
      span === 0 ? 1 : 2,
      `${day(start)} 00:00:00.000`,
      `${day(start + span)} 00:00:00.000`,
      a,
      b,
      civ,
      unk,
      best,
      high,
      low,
      type === 1 ? gw : '',
      '',
    ];
    chunk += `${record.map((v) => quote(String(v))).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, output: { type: 'string' } } });
  const rows = Number(values.rows);
  const output = values.output ?? `ged-synthetic-${rows}.csv`;
  await writeSyntheticGed(output, rows);
  console.log(`wrote ${rows} synthetic GED rows to ${output}`);
}
