import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { baseClusterFile, migratedClusterFile } from '../src/db/pglite-base.js';

// `npm run pglite:warm` (run by postinstall): makes the cached clusters now, the one initdb makes
// and the one with every migration applied, so the first `npm start` and every in-memory test
// database start from them instead of running initdb and the migrations.
const handle = await openDatabase({ pgliteDataDir: 'memory://', pgliteMigrated: true });
await migrateDatabase(handle);
await handle.close();
console.log(`newsgraph: PGlite clusters cached in ${baseClusterFile} and ${migratedClusterFile()}`);
