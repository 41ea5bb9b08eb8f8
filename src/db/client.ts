import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema/index.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Statements sent so far; tests read it to prove nested queries are batched. */
  readonly statementCount: number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it an embedded PGlite is opened at `pgliteDataDir`. */
  url?: string | undefined;
  pgliteDataDir?: string;
  poolMax?: number;
}

class StatementCounter implements Logger {
  count = 0;
  logQuery(query: string): void {
    if (process.env.DEBUG_SQL) console.log('SQL', query.slice(0, 140));
    this.count++;
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const counter = new StatementCounter();
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema, logger: counter }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      get statementCount() {
        return counter.count;
      },
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create(options.pgliteDataDir ?? 'memory://', { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, logger: counter }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    get statementCount() {
      return counter.count;
    },
    close: () => client.close(),
  };
}

/** Runs raw SQL on either driver and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
