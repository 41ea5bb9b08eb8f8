import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { preparedStatement, renderSql, runPrepared } from '../../src/db/client.js';
import { events } from '../../src/db/schema/index.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createSeededDatabase();
});
afterAll(() => database?.drop());

describe(`prepared statements on ${testDriver}`, () => {
  const titleByIdAndKind = preparedStatement(
    (id: number, kind: string) =>
      sql`select ${events.title} as title from ${events} where ${and(eq(events.id, id), sql`${events.kind} = ${kind}`)}`,
    [0, 'ATTACK'],
  );

  it("renders once and runs with each call's values, as the same statement built per call would", async () => {
    const rows = await database.handle.db.select({ id: events.id, kind: events.kind, title: events.title }).from(events);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(await titleByIdAndKind<{ title: string }>(database.handle.db, row.id, row.kind)).toEqual([{ title: row.title }]);
      const built = renderSql(
        sql`select ${events.title} as title from ${events} where ${and(eq(events.id, row.id), sql`${events.kind} = ${row.kind}`)}`,
      );
      expect(await runPrepared<{ title: string }>(database.handle.db, built.sql, built.params)).toEqual([{ title: row.title }]);
    }
    // The placeholder values are never bound: a call with other values finds other rows.
    const otherKind = rows.find((row) => row.kind !== rows[0]!.kind)!.kind;
    expect(await titleByIdAndKind(database.handle.db, rows[0]!.id, otherKind)).toEqual([]);
  });

  it('refuses a builder whose placeholders do not all become parameters', () => {
    expect(() => preparedStatement((id: number) => sql`select 1 where 1 = ${sql.raw(String(id))}`, [0])).toThrow(
      /expected 1 parameters, rendered 0/,
    );
  });
});
