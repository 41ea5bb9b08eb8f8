import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import * as schema from './schema/index.js';
import { createPglite, keepMigratedCluster, type CreatedPglite } from './pglite-base.js';
import { lockDataDir } from './pglite-lock.js';
import { boundedCache } from '../cache.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Statements sent so far; tests read it to prove nested queries are batched. */
  readonly statementCount: number;
  /** Runs `work` on one connection (session-level locks and settings hold throughout). */
  withSession<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** Told by migrateDatabase once every migration is applied (a new PGlite database keeps its cluster for the next). */
  migrated?(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it an embedded PGlite is opened at `pgliteDataDir`. */
  url?: string | undefined;
  pgliteDataDir?: string;
  /**
   * The caller migrates the database at once: a new PGlite database may start from the cached
   * cluster with every migration applied (and, when there is none yet, leaves one).
   */
  pgliteMigrated?: boolean;
  poolMax?: number;
  /** Fail a request whose connection attempt takes longer than this (default: wait forever). */
  connectionTimeoutMs?: number;
  /** Postgres cancels statements running longer than this (SQLSTATE 57014); 0 or absent: no limit. Not applied to PGlite. */
  statementTimeoutMs?: number;
  /** Told when an idle pooled connection dies (e.g. Postgres restarts); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

class StatementCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const counter = new StatementCounter();
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax ?? 10,
      application_name: 'newsgraph',
      // Sent at connection start-up, so every statement on every pooled connection is bounded.
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.connectionTimeoutMs ? { connectionTimeoutMillis: options.connectionTimeoutMs } : {}),
      // TCP keepalive notices a vanished server (network cut, host gone) on idle connections.
      keepAlive: true,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (error) => options.onConnectionError?.(error));
    const db = drizzlePg({ client: pool, schema, logger: counter }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      get statementCount() {
        return counter.count;
      },
      async withSession(work) {
        const connection = await pool.connect();
        try {
          return await work(drizzlePg({ client: connection, schema, logger: counter }));
        } finally {
          connection.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const dataDir = options.pgliteDataDir ?? 'memory://';
  const release = lockDataDir(dataDir);
  let created: CreatedPglite;
  try {
    created = await createPglite(dataDir, { extensions: { pg_trgm } }, { migrated: options.pgliteMigrated });
  } catch (error) {
    release();
    throw error;
  }
  const { client, startedFrom } = created;
  const db = drizzlePglite({ client, schema, logger: counter }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    get statementCount() {
      return counter.count;
    },
    // PGlite is a single connection already.
    withSession: (work) => work(db),
    migrated: async () => {
      if (options.pgliteMigrated && startedFrom === 'initdb') await keepMigratedCluster(client);
    },
    close: () => client.close().finally(release),
  };
}

/** Runs raw SQL on either driver and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  // Database is generic over both drivers, so drizzle types the answer as unknown.
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}

const dialect = new PgDialect();

/**
 * A parameterless piece of SQL rendered to text once, for statements built on every request:
 * embedding the text costs nothing, walking drizzle's SQL tree again costs more than the query.
 */
export function prerendered(query: SQL): SQL {
  return sql.raw(sqlText(query));
}

/** The text of a parameterless piece of SQL (see prerendered). */
export function sqlText(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length) throw new Error(`prerendered SQL must take no parameters, got ${params.length}`);
  return text;
}

const statementNames = boundedCache<string, string>('preparedStatementNames');

/** drizzle's rendering of a piece of SQL: text with `$1…$n` and its parameter values in order. */
export function renderSql(query: SQL): { sql: string; params: unknown[] } {
  return dialect.sqlToQuery(query);
}

/**
 * Runs statement text with its parameters, as a named prepared statement: Postgres plans each
 * statement shape once per connection instead of on every request (planning a statement with
 * nested subqueries costs about as much as running it). Shapes are few (a filter combination, a
 * sort, a nested-data plan); values travel as parameters, so they never multiply the statements.
 */
export function runPrepared<Row>(db: Database, text: string, params: unknown[]): Promise<Row[]> {
  let name = statementNames.get(text);
  // Lists in filters (`kinds: [A, B, …]`) give one shape per length: past the cap, statements
  // run unnamed, so no client can grow every connection's statement cache without bound.
  if (!name) {
    const named = `newsgraph_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.set(text, named)) name = named;
  }
  const prepared = db._.session.prepareQuery({ sql: text, params }, undefined, name, false);
  return (prepared.execute() as Promise<{ rows: Row[] }>).then((result) => result.rows);
}

/**
 * A statement whose shape is fixed once and whose values vary per call: `build` is rendered a
 * single time with placeholder values, and each call sends the rendered text with new values.
 * For the hottest statements (one event by id), where rendering drizzle's SQL tree on every
 * request cost more CPU than reading the row.
 */
export function preparedStatement<Args extends unknown[]>(build: (...placeholders: Args) => SQL, placeholders: Args) {
  const built = dialect.sqlToQuery(build(...placeholders));
  if (built.params.length !== placeholders.length) {
    throw new Error(`preparedStatement: expected ${placeholders.length} parameters, rendered ${built.params.length}`);
  }
  return <Row>(db: Database, ...values: Args): Promise<Row[]> => runPrepared<Row>(db, built.sql, values);
}

/** A list as one parameter (drizzle would spread an array into one parameter per item): `= ANY(${intList(ids)})`. */
export const intList = (items: Iterable<number>): SQL =>
  sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify([...items])}::json)::int)`;

/** A list of text values as one parameter: `= ANY(${textList(keys)})`. */
export const textList = (items: readonly string[]): SQL => sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(items)}::json))`;
