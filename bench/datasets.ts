import type pg from 'pg';

/** The benchmark's data sets: how many casualty rows the generator makes, and the database each lives in. */
export type SizeName = 'smoke' | 'small' | 'large';

export const datasets: Record<SizeName, { casualties: number; database: string }> = {
  smoke: { casualties: 2_000, database: 'newsgraph_bench_smoke' },
  small: { casualties: 10_000, database: 'newsgraph_bench_small' },
  large: { casualties: 1_000_000, database: 'newsgraph_bench_large' },
};

export const isSizeName = (value: string): value is SizeName => Object.hasOwn(datasets, value);

/** The comment on a database (the generator's stamp of what it holds), or undefined when there is no such database. */
export async function databaseStamp(admin: pg.Client, database: string): Promise<string | null | undefined> {
  const { rows } = await admin.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  return rows.length ? rows[0]!.comment : undefined;
}
