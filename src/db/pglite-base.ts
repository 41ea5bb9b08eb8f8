import { createHash } from 'node:crypto';
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

/** The migrations' contents, so a cluster migrated by other migrations is never taken for this one. */
function migrationsHash(): string {
  const folder = join(packageRoot, 'migrations');
  const hash = createHash('sha256');
  for (const file of [
    'meta/_journal.json',
    ...readdirSync(folder)
      .filter((f) => f.endsWith('.sql'))
      .sort(),
  ]) {
    hash.update(file).update(readFileSync(join(folder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The same cluster with every migration applied: migrating a new database costs about 2 s more
 * than opening one (each test file's database, a first `npm start`), and gives the same files.
 */
export const migratedClusterFile = (): string => join(cacheDir, `pglite-${version ?? 'unknown'}-migrated-${migrationsHash()}.tar.gz`);

/** True when the data directory holds no cluster yet (so PGlite would run initdb). */
function isNew(dataDir: string): boolean {
  if (dataDir.startsWith('memory://')) return true;
  if (/^[a-z-]+:\/\//.test(dataDir) && !dataDir.startsWith('file://')) return false;
  const path = dataDir.replace(/^file:\/\//, '');
  return !existsSync(path) || readdirSync(path).length === 0;
}

function readCluster(file: string): Blob | undefined {
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/** Keeps a cluster's files for later databases; a cache that cannot be written is skipped. */
async function keepCluster(client: PGlite, file: string): Promise<void> {
  try {
    const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Written aside then renamed: parallel test workers never read half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, dump);
    renameSync(partial, file);
  } catch {
    // read-only node_modules: every new database runs initdb, as PGlite does by default
  }
}

/** A new PGlite database, and what it started from. */
export interface CreatedPglite {
  client: PGlite;
  /** `migrated`: every migration is applied already; `initdb`: a new empty cluster; `existing`: the directory held one. */
  startedFrom: 'migrated' | 'initdb' | 'existing';
}

/**
 * PGlite.create, starting a new database from a cached cluster when there is one: the migrated
 * one when the caller is about to migrate (`migrated`), else the one initdb made.
 */
export async function createPglite(dataDir: string, options: PGliteOptions, { migrated = false } = {}): Promise<CreatedPglite> {
  if (!version || !isNew(dataDir)) return { client: await PGlite.create(dataDir, options), startedFrom: 'existing' };
  const done = migrated ? readCluster(migratedClusterFile()) : undefined;
  if (done) return { client: await PGlite.create(dataDir, { ...options, loadDataDir: done }), startedFrom: 'migrated' };
  const base = readCluster(baseClusterFile);
  if (base) return { client: await PGlite.create(dataDir, { ...options, loadDataDir: base }), startedFrom: 'initdb' };
  const client = await PGlite.create(dataDir, options);
  // Dumped before anything is written to it: the cluster exactly as initdb left it.
  await keepCluster(client, baseClusterFile);
  return { client, startedFrom: 'initdb' };
}

/** After a new database's migrations: keeps its cluster for the next new one, once per set of migrations. */
export async function keepMigratedCluster(client: PGlite): Promise<void> {
  const file = migratedClusterFile();
  if (version && !existsSync(file)) await keepCluster(client, file);
}
