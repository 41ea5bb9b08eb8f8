import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is, sql } from 'drizzle-orm';
import { alias, PgTable } from 'drizzle-orm/pg-core';
import { queryRows } from '../../src/db/client.js';
import { packedRow, rowCodec } from '../../src/db/json-row.js';
import * as schema from '../../src/db/schema/index.js';
import { actors, locations } from '../../src/db/schema/index.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createSeededDatabase();
  // Values whose text forms are easy to get wrong: array elements that need quoting or look
  // like NULL, control characters, floats that need every digit, coordinates at their limits.
  await database.handle.db.insert(actors).values({
    name: 'Line one\nline "two"\t\\ end',
    aliases: ['NULL', 'null', 'a,b', 'say "hi"', 'back\\slash', '{x}', ' spaced ', 'ünïcödé ✓', ''],
    kind: 'PERSON',
    description: null,
  });
  await database.handle.db.execute(
    sql`INSERT INTO actors (name, aliases, kind) VALUES ('Null element', ARRAY['x', NULL, 'NULL'], 'PERSON')`,
  );
  await database.handle.db.insert(locations).values([
    { name: 'Precise', latitude: 33.262_541_234_567_89, longitude: -0.000_000_1 },
    { name: 'Corner', latitude: -90, longitude: 180 },
  ]);
});
afterAll(() => database?.drop());

const tables = Object.entries(schema as Record<string, unknown>).filter((entry): entry is [string, PgTable] => is(entry[1], PgTable));
const canonical = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();

describe(`packed rows on ${testDriver}`, () => {
  it.each(tables)('decodes every %s row to what drizzle select returns', async (_name, table) => {
    const codec = rowCodec(table);
    const selected = await database.handle.db.select().from(table);
    const packed = await queryRows<{ row: unknown[] }>(database.handle.db, sql`select ${packedRow(codec)} as row from ${table}`);
    expect(packed).toHaveLength(selected.length);
    expect(canonical(packed.map(({ row }) => codec.decode(row)))).toEqual(canonical(selected));
  });

  it('checks what it decodes: tables with rows, and the hard values among them', async () => {
    const withRows = await Promise.all(tables.map(async ([, table]) => (await database.handle.db.select().from(table)).length > 0));
    // Written only by mutations, which the seed does not run: audit_entries, idempotency_keys.
    expect(withRows.filter(Boolean).length).toBeGreaterThanOrEqual(tables.length - 2);
    const codec = rowCodec(actors);
    const [hard] = await queryRows<{ row: unknown[] }>(
      database.handle.db,
      sql`select ${packedRow(codec)} as row from ${actors} where ${actors.name} like 'Line one%'`,
    );
    expect(codec.decode(hard!.row)).toMatchObject({
      name: 'Line one\nline "two"\t\\ end',
      aliases: ['NULL', 'null', 'a,b', 'say "hi"', 'back\\slash', '{x}', ' spaced ', 'ünïcödé ✓', ''],
      description: null,
    });
  });

  it('reads only the projected columns, through an alias', async () => {
    const speaker = alias(actors, 'speaker');
    const codec = rowCodec(actors, { source: speaker, only: ['id', 'aliases', 'name'] });
    expect(codec.width).toBe(3);
    const rows = await queryRows<{ row: unknown[] }>(
      database.handle.db,
      sql`select ${packedRow(codec)} as row from ${actors} as ${sql.identifier('speaker')} order by ${speaker.id}`,
    );
    const selected = await database.handle.db
      .select({ id: actors.id, name: actors.name, aliases: actors.aliases })
      .from(actors)
      .orderBy(actors.id);
    expect(rows.map(({ row }) => codec.decode(row))).toEqual(selected);
    expect(selected.find((row) => row.name === 'Null element')?.aliases).toEqual(['x', null, 'NULL']);
  });

  it('reads rows side by side, and a missing joined row as null', async () => {
    const place = rowCodec(locations);
    const country = rowCodec(schema.countries);
    const rows = await queryRows<{ row: unknown[] }>(
      database.handle.db,
      sql`select ${packedRow(place, country)} as row
      from ${locations} left join ${schema.countries} on ${schema.countries.code} = ${locations.countryCode} order by ${locations.id}`,
    );
    const decoded = rows.map(({ row }) => ({ place: place.decode(row), country: country.decodeOptional(row, place.width) }));
    expect(decoded.find((d) => d.place.name === 'Precise')).toEqual({
      place: expect.objectContaining({ latitude: 33.262_541_234_567_89, longitude: -0.000_000_1, countryCode: null }),
      country: null,
    });
    expect(decoded.filter((d) => d.place.countryCode !== null).every((d) => d.country?.code === d.place.countryCode)).toBe(true);
    expect(decoded.some((d) => d.country !== null)).toBe(true);
  });
});
