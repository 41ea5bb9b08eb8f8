import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.js';
import { runWrite, type WriteRequest } from '../../src/write/transaction.js';
import { userError, UserErrorCode } from '../../src/write/user-error.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createSeededDatabase();
  db = database.handle.db;
});
afterAll(() => database?.drop());

const request = (input: unknown, idempotencyKey?: string): WriteRequest => ({
  editor: 'alice',
  mutation: 'sourceCreate',
  requestId: 'req-t',
  input,
  idempotencyKey,
});
const insertSource = (tx: Database, title: string) =>
  queryRows<{ id: number }>(tx, sql`INSERT INTO sources (outlet, title) VALUES ('Test Wire', ${title}) RETURNING id`).then((rows) => ({
    ok: { id: rows[0]!.id },
  }));
const sourcesTitled = async (title: string) =>
  (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sources WHERE title = ${title}`))[0]!.n;

describe(`one mutation, one transaction (${testDriver})`, () => {
  it('commits the work with its audit entry naming editor, mutation and request', async () => {
    const outcome = await runWrite(db, request({ title: 'committed' }), (tx) => insertSource(tx, 'committed'));
    expect(outcome.ok?.id).toBeGreaterThan(0);
    const [entry] = await queryRows(
      db,
      sql`SELECT editor, mutation, request_id, operation FROM audit_entries WHERE entity = 'sources' AND entity_id = ${outcome.ok!.id}`,
    );
    expect(entry).toEqual({ editor: 'alice', mutation: 'sourceCreate', request_id: 'req-t', operation: 'INSERT' });
  });

  it('userErrors after a write roll it back', async () => {
    const outcome = await runWrite(db, request({ title: 'half' }), async (tx) => {
      await insertSource(tx, 'half');
      return { userErrors: [userError(['input', 'url'], UserErrorCode.INVALID, 'bad url')] };
    });
    expect(outcome.userErrors?.map((e) => e.code)).toEqual(['INVALID']);
    expect(await sourcesTitled('half')).toBe(0);
  });

  it('a failure in the middle leaves no partial write', async () => {
    await expect(
      runWrite(db, request({ title: 'crash' }), async (tx) => {
        await insertSource(tx, 'crash');
        await tx.execute(sql`SELECT 1 / 0`);
        return { ok: 1 };
      }),
    ).rejects.toThrow();
    expect(await sourcesTitled('crash')).toBe(0);
  });

  it('replays the first answer for the same key and input, refuses the key with another input', async () => {
    const first = await runWrite(db, request({ title: 'once' }, 'key-1'), (tx) => insertSource(tx, 'once'));
    // Key order in the input does not matter.
    const again = await runWrite(db, request({ title: 'once' }, 'key-1'), (tx) => insertSource(tx, 'once'));
    expect(again).toEqual({ ok: first.ok, replayed: true });
    expect(await sourcesTitled('once')).toBe(1);
    const other = await runWrite(db, request({ title: 'twice' }, 'key-1'), (tx) => insertSource(tx, 'twice'));
    expect(other.userErrors).toEqual([expect.objectContaining({ field: ['idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })]);
    expect(await sourcesTitled('twice')).toBe(0);
    // Keys are per editor: another editor's same key is a new request.
    const bob = await runWrite(db, { ...request({ title: 'once' }, 'key-1'), editor: 'bob' }, (tx) => insertSource(tx, 'once'));
    expect(bob.replayed).toBeUndefined();
    expect(await sourcesTitled('once')).toBe(2);
  });

  it('two retries of one key racing each other write once', async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => runWrite(db, request({ title: 'raced' }, 'key-race'), (tx) => insertSource(tx, 'raced'))),
    );
    expect(new Set(results.map((r) => r.ok?.id)).size).toBe(1);
    expect(results.filter((r) => r.replayed)).toHaveLength(2);
    expect(await sourcesTitled('raced')).toBe(1);
  });
});

describe(`after-commit hooks (${testDriver})`, () => {
  it('run once the transaction has committed (the row is visible outside it), never on rollback or replay', async () => {
    const seen: string[] = [];
    const visibleAtHook: number[] = [];
    const hooked = (title: string, key?: string) =>
      runWrite(db, request({ title }, key), async (tx, { afterCommit }) => {
        const result = await insertSource(tx, title);
        // Read from outside the transaction (another pooled connection; PGlite runs one statement at a time, after commit).
        afterCommit(() => seen.push(title));
        afterCommit(() => void sourcesTitled(title).then((n) => visibleAtHook.push(n)));
        return result;
      });
    await hooked('hooked-commit');
    expect(seen).toEqual(['hooked-commit']);

    // userErrors after registering the hook: rolled back, the hook never runs.
    await runWrite(db, request({ title: 'hooked-userErrors' }), async (tx, { afterCommit }) => {
      await insertSource(tx, 'hooked-userErrors');
      afterCommit(() => seen.push('hooked-userErrors'));
      return { userErrors: [userError(['input'], UserErrorCode.INVALID, 'no')] };
    });
    // An exception after registering it: same.
    await expect(
      runWrite(db, request({ title: 'hooked-crash' }), async (tx, { afterCommit }) => {
        afterCommit(() => seen.push('hooked-crash'));
        await tx.execute(sql`SELECT 1 / 0`);
        return { ok: 1 };
      }),
    ).rejects.toThrow();
    // An idempotent replay changes nothing, so announces nothing.
    await hooked('hooked-once', 'hook-key');
    await hooked('hooked-once', 'hook-key');
    expect(seen).toEqual(['hooked-commit', 'hooked-once']);
    await expect.poll(() => visibleAtHook).toEqual([1, 1]);
  });

  it('a failing hook does not turn a committed write into an error', async () => {
    const failures: unknown[] = [];
    const outcome = await runWrite(
      db,
      request({ title: 'hook-throws' }),
      async (tx, { afterCommit }) => {
        afterCommit(() => {
          throw new Error('publish failed');
        });
        return insertSource(tx, 'hook-throws');
      },
      (error) => failures.push(error),
    );
    expect(outcome.ok?.id).toBeGreaterThan(0);
    expect(failures.map(String)).toEqual(['Error: publish failed']);
  });
});
