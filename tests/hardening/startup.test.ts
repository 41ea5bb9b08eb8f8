import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayCluster, type ThrowawayCluster } from './support/pg-cluster.js';
import { runUntilExit, startServerProcess, type ServerProcess } from './support/server-process.js';
import { postGraphQL } from './support/http.js';

/**
 * What a new user meets at start-up: the embedded database on a fresh clone, and every way a
 * DATABASE_URL can be wrong. Failures must be one line on stderr that says what to do.
 */
const adminUrl = process.env.TEST_DATABASE_URL!;
const nested = '{ events(first: 1, filter: { kinds: [TARGETED_KILLING] }) { nodes { title reactionsByCountry { country { name } } } } }';

function urlFor(database: string, user = 'postgres'): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  url.username = user;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Exactly one line on stderr, no stack frame anywhere in the output. */
function expectOneLine(result: { code: number | null; stdout: string; stderr: string }): string {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  expect(lines[0]).toMatch(/^newsgraph: /);
  return lines[0]!;
}

const suffix = randomBytes(4).toString('hex');
const created: string[] = [];
const roles: string[] = [];
let running: ServerProcess | undefined;

afterAll(async () => {
  running?.kill();
  await admin(async (client) => {
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    for (const role of roles) await client.query(`DROP ROLE IF EXISTS ${role}`);
  });
});

describe('npm start on a fresh clone (embedded PGlite, no environment at all)', () => {
  it('creates .data/pglite under the working directory, migrates, seeds and answers the nested query', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'newsgraph-clone-'));
    try {
      // No DATABASE_URL and no PGLITE_DATA_DIR: the default data directory, whose parent is missing.
      const server = await startServerProcess({}, 90_000, cwd);
      running = server;
      const answer = await postGraphQL(server.base, { query: nested });
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).toContain('"Israel"');
      expect(existsSync(join(cwd, '.data/pglite/PG_VERSION'))).toBe(true);
      server.kill();
      await server.exited;
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('DATABASE_URL faults at start-up', () => {
  it('creates a missing database when the user may, then serves it', async () => {
    const name = `newsgraph_missing_${suffix}`;
    created.push(name);
    const server = await startServerProcess({ DATABASE_URL: urlFor(name) }, 90_000);
    running = server;
    expect(server.logs.some((record) => record.msg === 'database did not exist: created it')).toBe(true);
    const answer = await postGraphQL(server.base, { query: nested });
    expect(JSON.stringify(answer.body)).toContain('"Israel"');
    server.kill();
    await server.exited;
  }, 120_000);

  it('says which command to run when the database is missing and the user may not create it', async () => {
    const role = `newsgraph_nocreate_${suffix}`;
    roles.push(role);
    await admin((client) => client.query(`CREATE ROLE ${role} LOGIN NOCREATEDB`));
    const name = `newsgraph_absent_${suffix}`;
    const line = expectOneLine(await runUntilExit({ DATABASE_URL: urlFor(name, role) }));
    expect(line).toContain(`database "${name}" does not exist`);
    expect(line).toContain(`createdb -h 127.0.0.1 -p ${new URL(adminUrl).port || '5432'} ${name}`);
  }, 60_000);

  it('names an unreachable server', async () => {
    const closed: Server = createNetServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const line = expectOneLine(await runUntilExit({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/newsgraph` }));
    expect(line).toBe(
      `newsgraph: cannot reach Postgres at 127.0.0.1:${port} (connection refused): is the server running? Check DATABASE_URL.`,
    );
  }, 60_000);

  it('names an unknown host', async () => {
    const line = expectOneLine(await runUntilExit({ DATABASE_URL: 'postgres://postgres@no-such-host.invalid:5432/newsgraph' }));
    expect(line).toContain('cannot resolve the host "no-such-host.invalid"');
  }, 60_000);

  it('refuses a DATABASE_URL that is not a postgres:// URL', async () => {
    const line = expectOneLine(await runUntilExit({ DATABASE_URL: 'mysql://localhost/newsgraph' }));
    expect(line).toContain('DATABASE_URL must look like postgres://');
  }, 60_000);

  it('refuses a malformed setting by name', async () => {
    const line = expectOneLine(await runUntilExit({ PORT: 'eighty' }));
    expect(line).toBe('newsgraph: PORT must be an integer between 0 and 65535, got "eighty"');
  }, 60_000);

  describe('on a server that asks for a password', () => {
    let cluster: ThrowawayCluster;
    beforeAll(async () => {
      cluster = await createThrowawayCluster({ password: 'right-horse' });
    }, 90_000);
    afterAll(() => cluster?.destroy());

    it('says the password was refused, and never prints it', async () => {
      const url = new URL(cluster.url);
      url.password = 'wrong-battery';
      const result = await runUntilExit({ DATABASE_URL: url.toString() });
      const line = expectOneLine(result);
      expect(line).toBe(
        `newsgraph: Postgres at 127.0.0.1:${cluster.port} refused the password of user "postgres": check the password in DATABASE_URL.`,
      );
      expect(result.stdout + result.stderr).not.toContain('wrong-battery');
    }, 60_000);

    it('says a password is needed when DATABASE_URL has none', async () => {
      const url = new URL(cluster.url);
      url.password = '';
      const line = expectOneLine(await runUntilExit({ DATABASE_URL: url.toString() }));
      expect(line).toContain(`asks user "postgres" for a password`);
    }, 60_000);
  });

  describe('a user without write rights', () => {
    const role = `newsgraph_reader_${suffix}`;
    const empty = `newsgraph_empty_${suffix}`;
    const ready = `newsgraph_ready_${suffix}`;
    beforeAll(async () => {
      roles.push(role);
      created.push(empty, ready);
      await admin(async (client) => {
        await client.query(`CREATE ROLE ${role} LOGIN`);
        // Postgres 15: only the owner may create in schema public, so this user cannot migrate.
        await client.query(`CREATE DATABASE ${empty}`);
        await client.query(`CREATE DATABASE ${ready}`);
      });
      // A database the owner migrated and seeded, readable by the role.
      const owner = await startServerProcess({ DATABASE_URL: urlFor(ready) }, 90_000);
      owner.kill();
      await owner.exited;
      await admin(async (client) => {
        await client.query(`GRANT USAGE ON SCHEMA public, drizzle TO ${role}`);
        await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public, drizzle TO ${role}`);
      }, urlFor(ready));
    }, 120_000);

    it('cannot migrate an empty database: says to migrate with the owner first', async () => {
      const line = expectOneLine(await runUntilExit({ DATABASE_URL: urlFor(empty, role) }));
      expect(line).toContain(`user "${role}" may not change database "${empty}"`);
      expect(line).toContain('npm run db:migrate');
    }, 60_000);

    it('serves a database that is already migrated and seeded', async () => {
      const server = await startServerProcess({ DATABASE_URL: urlFor(ready, role) }, 90_000);
      running = server;
      const answer = await postGraphQL(server.base, { query: nested });
      expect(JSON.stringify(answer.body)).toContain('"Israel"');
      server.kill();
      await server.exited;
    }, 120_000);
  });

  it('names a port that is already taken', async () => {
    const taken: Server = createNetServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    try {
      const line = expectOneLine(await runUntilExit({ PGLITE_DATA_DIR: 'memory://', PORT: String(port) }));
      expect(line).toBe(`newsgraph: port ${port} is already in use: stop the other server or set PORT.`);
    } finally {
      taken.close();
    }
  }, 90_000);
});
