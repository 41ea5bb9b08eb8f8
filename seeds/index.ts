import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { events } from '../src/db/schema/index.js';
import { loadDataset } from './load.js';
import { refreshFanout } from '../src/graphql/fanout.js';
import { dataset as usIran } from './data/us-iran-2019-2020.js';

/** Every dataset the seed command loads, in order. */
export const datasets = [usIran];

export async function seedDatabase(db: Database): Promise<void> {
  for (const data of datasets) await loadDataset(db, data);
  // PGlite keeps no statistics on its own: measure the nested lists for the cost estimate now.
  await refreshFanout(db);
}

/** `npm start` seeds only a database that has no events, so user data is never rewritten. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(events);
  if (Number(row?.n ?? 0) > 0) return false;
  await seedDatabase(db);
  return true;
}

// `npm run db:seed`: migrate, then upsert every dataset (safe to run again).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import('../src/config.js');
  const { openMigratedDatabase } = await import('../src/db/startup.js');
  const { startupFailureLine } = await import('../src/startup-error.js');
  try {
    const config = loadConfig();
    const handle = await openMigratedDatabase({ url: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, createMissing: true });
    await seedDatabase(handle.db);
    await handle.close();
    console.log(`seeded ${datasets.length} dataset(s) (${handle.driver})`);
  } catch (error) {
    console.error(startupFailureLine(error));
    process.exit(1);
  }
}
