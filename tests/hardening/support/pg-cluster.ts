import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// Debian's layout (/usr/lib/postgresql/<major>/bin); PG_BIN overrides it elsewhere.
const bin =
  process.env.PG_BIN ??
  `/usr/lib/postgresql/${readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .at(-1)}/bin`;

/** A free loopback TCP port (asked of the OS, so parallel runs never collide). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function asPostgres(command: string, args: string[], timeoutMs = 60_000): Promise<void> {
  await run('runuser', ['-u', 'postgres', '--', `${bin}/${command}`, ...args], { timeout: timeoutMs });
}

export interface ThrowawayCluster {
  port: number;
  /** URL of the cluster's `postgres` database (with the password, if the cluster has one). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A private Postgres 15 cluster in a temp directory, on its own port: tests may stop and restart
 * it freely without touching the shared server on 5432.
 */
export async function createThrowawayCluster(options: { password?: string } = {}): Promise<ThrowawayCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-pg-'));
  const { uid, gid } = await userIds('postgres');
  chownSync(dataDir, uid, gid);
  const port = await freePort();
  // With a password, TCP logins must give it (SCRAM); the socket stays trusted for pg_ctl.
  const auth = options.password
    ? ['--auth-host=scram-sha-256', '--auth-local=trust', `--pwfile=${passwordFile(dataDir, options.password, uid, gid)}`]
    : ['-A', 'trust'];
  await asPostgres('initdb', ['-D', `${dataDir}/data`, ...auth, '-U', 'postgres', '--no-sync', '--no-instructions']);
  const serverOptions = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const start = () =>
    asPostgres('pg_ctl', ['-D', `${dataDir}/data`, '-o', serverOptions, '-l', join(dataDir, 'server.log'), '-w', '-t', '30', 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', `${dataDir}/data`, '-m', 'fast', '-w', '-t', '30', 'stop']);
  await start();
  return {
    port,
    url: `postgres://${options.password ? `postgres:${encodeURIComponent(options.password)}@` : 'postgres@'}127.0.0.1:${port}/postgres`,
    stop,
    start,
    async destroy() {
      await asPostgres('pg_ctl', ['-D', `${dataDir}/data`, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function passwordFile(dir: string, password: string, uid: number, gid: number): string {
  const file = join(dir, 'password');
  writeFileSync(file, `${password}\n`);
  chownSync(file, uid, gid);
  return file;
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
