/** The benchmark's data sets: how many casualty rows the generator makes, and the database each lives in. */
export type SizeName = 'smoke' | 'small' | 'large';

export const datasets: Record<SizeName, { casualties: number; database: string }> = {
  smoke: { casualties: 2_000, database: 'newsgraph_bench_smoke' },
  small: { casualties: 10_000, database: 'newsgraph_bench_small' },
  large: { casualties: 1_000_000, database: 'newsgraph_bench_large' },
};

export const isSizeName = (value: string): value is SizeName => Object.hasOwn(datasets, value);
