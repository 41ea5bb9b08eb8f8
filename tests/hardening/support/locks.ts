import pg from 'pg';

/**
 * Holds an ACCESS EXCLUSIVE lock on a table from a separate connection, so every query that
 * reads it waits: a deterministic "slow query" for timeout and shutdown tests.
 */
export async function lockTable(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** How many newsgraph statements are waiting for a lock in the given database. */
export async function waitingStatements(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const database = new URL(url).pathname.slice(1);
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'newsgraph' and wait_event_type = 'Lock'`,
      [database],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
