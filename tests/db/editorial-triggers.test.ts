import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.js';
import { rollupDrift } from '../helpers/rollup.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

/*
 * The write side's bookkeeping lives in triggers (migration "editorial_triggers"): revisions go
 * up on any change, figure versions are kept, writes made by a mutation are audited, and
 * retracted casualties leave the rollups. These tests drive it with plain SQL, as any writer would.
 */
let database: TestDatabase;
let db: Database;
let casualtyId: number;
let seededBest: number;
beforeAll(async () => {
  database = await createSeededDatabase();
  db = database.handle.db;
  const [row] = await queryRows<{ id: number; figure_best: number }>(
    db,
    sql`SELECT id, figure_best FROM casualties WHERE figure_qualifier = 'EXACT' AND figure_best <> 99 ORDER BY id LIMIT 1`,
  );
  casualtyId = row!.id;
  seededBest = row!.figure_best;
});
afterAll(() => database?.drop());

const versions = (id: number) =>
  queryRows<{ revision: number; figure_best: number | null; editor: string | null; reason: string | null; retracted: boolean }>(
    db,
    sql`SELECT revision, figure_best, editor, reason, retracted FROM casualty_revisions WHERE casualty_id = ${id} ORDER BY revision`,
  );
const current = async (id: number) =>
  (await queryRows<{ revision: number }>(db, sql`SELECT revision FROM casualties WHERE id = ${id}`))[0]!.revision;

/** As a mutation does: its transaction names the editor, the mutation and the reason. */
async function asEditor(work: (tx: Database) => Promise<unknown>, reason = 'ministry raised its count') {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('newsgraph.editor', 'alice', true), set_config('newsgraph.mutation', 'casualtyRevise', true),
                               set_config('newsgraph.reason', ${reason}, true), set_config('newsgraph.request_id', 'req-1', true)`);
    await work(tx);
  });
}

describe(`editorial bookkeeping on ${testDriver}`, () => {
  it('every seeded record is its own first version', async () => {
    const [gap] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM casualties c WHERE NOT EXISTS (SELECT 1 FROM casualty_revisions r WHERE r.casualty_id = c.id AND r.revision = 1)`,
    );
    expect(gap!.n).toBe(0);
    expect(await versions(casualtyId)).toHaveLength(1);
  });

  it('a change raises the revision and keeps the earlier version; a no-op changes nothing', async () => {
    const before = await versions(casualtyId);
    await asEditor((tx) =>
      tx.execute(
        sql`UPDATE casualties SET figure_low = 99, figure_best = 99, figure_high = 99, figure_wording = '99 killed' WHERE id = ${casualtyId}`,
      ),
    );
    expect(await current(casualtyId)).toBe(2);
    const after = await versions(casualtyId);
    expect(after).toEqual([
      ...before,
      { revision: 2, figure_best: 99, editor: 'alice', reason: 'ministry raised its count', retracted: false },
    ]);
    await db.execute(sql`UPDATE casualties SET figure_best = figure_best WHERE id = ${casualtyId}`);
    expect(await current(casualtyId)).toBe(2);
    expect(await versions(casualtyId)).toHaveLength(2);
  });

  it('audits writes made by a mutation, with the row before and after, and not those of seeds or imports', async () => {
    const entries = () =>
      queryRows<{
        editor: string;
        mutation: string;
        request_id: string;
        operation: string;
        before: { figure_best: number };
        after: { figure_best: number; revision: number };
      }>(
        db,
        sql`SELECT editor, mutation, request_id, operation, before, after FROM audit_entries WHERE entity = 'casualties' AND entity_id = ${casualtyId} ORDER BY id`,
      );
    const [first] = await entries();
    expect(first).toMatchObject({ editor: 'alice', mutation: 'casualtyRevise', request_id: 'req-1', operation: 'UPDATE' });
    expect([first!.before.figure_best, first!.after.figure_best, first!.after.revision]).toEqual([seededBest, 99, 2]);
    const count = (await entries()).length;
    await db.execute(sql`UPDATE casualties SET figure_wording = 'ninety-nine killed' WHERE id = ${casualtyId}`);
    expect(await entries()).toHaveLength(count);
  });

  it('a rolled-back write leaves no version and no audit entry', async () => {
    const [{ n: audits }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_entries`)) as [{ n: number }];
    const revisions = (await versions(casualtyId)).length;
    await expect(
      asEditor(async (tx) => {
        await tx.execute(sql`UPDATE casualties SET figure_low = 1, figure_best = 1, figure_high = 1 WHERE id = ${casualtyId}`);
        throw new Error('fails half-way');
      }),
    ).rejects.toThrow('fails half-way');
    expect(await versions(casualtyId)).toHaveLength(revisions);
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_entries`)) as [{ n: number }];
    expect(n).toBe(audits);
  });

  it('a retracted casualty leaves the rollups and its retraction is a version', async () => {
    const total = async () => Number((await queryRows<{ s: string }>(db, sql`SELECT sum(records)::text AS s FROM casualty_rollups`))[0]!.s);
    const before = await total();
    await asEditor(
      (tx) =>
        tx.execute(
          sql`UPDATE casualties SET retracted_at = now(), retracted_by = 'alice', retraction_reason = 'wrong event' WHERE id = ${casualtyId}`,
        ),
      'wrong event',
    );
    expect(await total()).toBe(before - 1);
    expect(await rollupDrift(db)).toEqual([]);
    expect((await versions(casualtyId)).at(-1)).toMatchObject({ retracted: true, reason: 'wrong event' });
  });

  it('an editor’s write reaches the rollups at COMMIT (the shared rollup row is locked only then), a rolled-back one never', async () => {
    const records = async (tx: Database = db) =>
      Number((await queryRows<{ s: string }>(tx, sql`SELECT sum(records)::text AS s FROM casualty_rollups`))[0]!.s);
    const before = await records();
    const copy = sql`INSERT INTO casualties (event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording,
                            victim_description, victim_country_code, occurred_on, occurred_precision, citation_id)
                     SELECT event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording,
                            'a copy', victim_country_code, occurred_on, occurred_precision, citation_id
                     FROM casualties WHERE id = ${casualtyId}`;
    let insideTransaction = -1;
    await asEditor(async (tx) => {
      await tx.execute(sql`UPDATE casualties SET retracted_at = NULL WHERE id = ${casualtyId}`);
      await tx.execute(copy);
      insideTransaction = await records(tx);
    });
    // Deferred: not yet counted inside the mutation's transaction; counted once it committed.
    expect(insideTransaction).toBe(before);
    expect(await records()).toBe(before + 2);
    await expect(
      asEditor(async (tx) => {
        await tx.execute(copy);
        throw new Error('the mutation failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await records()).toBe(before + 2);
    expect(await rollupDrift(db)).toEqual([]);
    // Imports and seeds (no mutation setting) still add up per statement, at once.
    await db.transaction(async (tx) => {
      await tx.execute(copy);
      expect(await records(tx)).toBe(before + 3);
    });
    expect(await rollupDrift(db)).toEqual([]);
  });
});
