import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { expectedMigrationCount } from '../db/migrate.js';

export type Readiness =
  | { ready: true; migrations: { applied: number; expected: number } }
  | {
      ready: false;
      reason: 'database unreachable' | 'migrations pending' | 'shutting down';
      migrations?: { applied: number; expected: number };
    };

/** A load balancer's probe must not hang on a dead database; after this it reads "unreachable". */
const READINESS_TIMEOUT_MS = 3_000;

/** Ready = the database answers and every migration in migrations/ is recorded as applied. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  const expected = expectedMigrationCount();
  const probe = (async () => {
    const [table] = await queryRows<{ exists: boolean }>(
      db,
      sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
    );
    if (!table?.exists) return 0;
    const [row] = await queryRows<{ applied: number }>(db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`);
    return Number(row?.applied ?? 0);
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('readiness probe timed out')), READINESS_TIMEOUT_MS);
  });
  try {
    const applied = await Promise.race([probe, timeout]);
    return applied >= expected
      ? { ready: true, migrations: { applied, expected } }
      : { ready: false, reason: 'migrations pending', migrations: { applied, expected } };
  } catch {
    probe.catch(() => {}); // the losing probe may still fail later
    return { ready: false, reason: 'database unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
