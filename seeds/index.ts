import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { events } from '../src/db/schema/index.js';
import { importFile, summaryLine, type RejectEntry } from '../src/import/run.js';
import { packageRoot } from '../src/paths.js';

/** The article seed, in our own import format (seeds/README.md says where it comes from). */
export const SEED_FILES = [path.join(packageRoot, 'seeds', 'us-iran-2019-2020.ndjson')];

/** Imports every seed file through the importer (one way in for all data); a committed seed must have no rejects. */
export async function seedDatabase(db: Database): Promise<void> {
  for (const file of SEED_FILES) {
    const rejects: RejectEntry[] = [];
    const summary = await importFile(db, { file, format: 'newsgraph', rejectsPath: null, onReject: (entry) => rejects.push(entry) });
    if (rejects.length > 0) {
      const shown = rejects.slice(0, 5).map((r) => `line ${r.line}: ${r.reason}`);
      throw new Error(`seed ${path.basename(file)} has rejected lines (${summaryLine(summary)}):\n${shown.join('\n')}`);
    }
  }
}

/** `npm start` seeds only a database that has no events, so user data is never rewritten. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(events);
  if (Number(row?.n ?? 0) > 0) return false;
  await seedDatabase(db);
  return true;
}

// `npm run db:seed`: migrate, then import every seed file (safe to run again: unchanged lines are left alone).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import('../src/config.js');
  const { openMigratedDatabase } = await import('../src/db/startup.js');
  const { startupFailureLine } = await import('../src/startup-error.js');
  try {
    const config = loadConfig();
    const handle = await openMigratedDatabase({ url: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, createMissing: true });
    await seedDatabase(handle.db);
    await handle.close();
    console.log(`seeded ${SEED_FILES.length} dataset(s) (${handle.driver})`);
  } catch (error) {
    console.error(startupFailureLine(error));
    process.exit(1);
  }
}
