import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { baseClusterFile, createPglite } from '../src/db/pglite-base.js';

// `npm run pglite:warm` (run by postinstall): makes the cached initdb cluster now, so the first
// `npm start` and every in-memory test database start from it instead of running initdb.
const client = await createPglite('memory://', { extensions: { pg_trgm } });
await client.close();
console.log(`newsgraph: PGlite base cluster cached in ${baseClusterFile}`);
