import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { packageRoot } from '../paths.js';

/**
 * A new PGlite database runs initdb inside WebAssembly: about 4.5 s, most of a first `npm start`
 * and of every in-memory test database. The cluster initdb makes is the same every time for one
 * PGlite version, so it is kept once as a tarball (node_modules/.cache, written at install by
 * `npm run pglite:warm` or on first use) and new databases start from it (1–2 s).
 */
const modules = pathToFileURL(join(packageRoot, 'node_modules/'));
const cacheDir = fileURLToPath(new URL('.cache/newsgraph/', modules));
/** Keyed by PGlite's version: another version's cluster may not be readable by it. */
function pgliteVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(new URL('@electric-sql/pglite/package.json', modules), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}
const version = pgliteVersion();
export const baseClusterFile = join(cacheDir, `pglite-${version ?? 'unknown'}-initdb.tar.gz`);

/** True when the data directory holds no cluster yet (so PGlite would run initdb). */
function isNew(dataDir: string): boolean {
  if (dataDir.startsWith('memory://')) return true;
  if (/^[a-z-]+:\/\//.test(dataDir) && !dataDir.startsWith('file://')) return false;
  const path = dataDir.replace(/^file:\/\//, '');
  return !existsSync(path) || readdirSync(path).length === 0;
}

function readBase(): Blob | undefined {
  try {
    return new Blob([readFileSync(baseClusterFile)]);
  } catch {
    return undefined;
  }
}

/** Keeps a fresh cluster's files for later databases; a cache that cannot be written is skipped. */
async function keepBase(client: PGlite): Promise<void> {
  try {
    const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Written aside then renamed: parallel test workers never read half a file.
    const partial = `${baseClusterFile}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, baseClusterFile);
  } catch {
    // read-only node_modules: every new database runs initdb, as PGlite does by default
  }
}

/** PGlite.create, starting a new database from the cached initdb cluster when there is one. */
export async function createPglite(dataDir: string, options: PGliteOptions): Promise<PGlite> {
  if (!version || !isNew(dataDir)) return PGlite.create(dataDir, options);
  const base = readBase();
  if (base) return PGlite.create(dataDir, { ...options, loadDataDir: base });
  const client = await PGlite.create(dataDir, options);
  // Dumped before anything is written to it: the cluster exactly as initdb left it.
  await keepBase(client);
  return client;
}
