import { LRUCache } from 'lru-cache';

/**
 * Every cache the server keeps across requests whose keys the client chooses (filter inputs,
 * selected columns), with its size, in one place. Memos keyed by schema objects (a column, a
 * table) or held weakly by a parsed document (jit.ts, projection.ts) are bounded by what they
 * are keyed by and need no size.
 * - `keep`: once full, new keys are not stored and the caller takes its fallback (whole rows,
 *   an unnamed statement), so what is stored stays stable (a prepared statement keeps its name).
 * - `lru`: once full, the least recently used entry is dropped.
 */
const caches = {
  /** Statement texts with a prepared-statement name (db/client.ts); lists in filters make one text per length. */
  preparedStatementNames: { size: 500, whenFull: 'keep' },
  /** Fetch-ahead plans reading projected columns (event.prefetch.ts). */
  prefetchPlans: { size: 256, whenFull: 'keep' },
  /** Page shapes (the columns a page reads) per table (paginate.ts). */
  pageShapesPerTable: { size: 64, whenFull: 'keep' },
  /** A connection's filter inputs rendered to SQL (paginate.ts); search text makes them many. */
  renderedFiltersPerConnection: { size: 1000, whenFull: 'lru' },
} as const satisfies Record<string, { size: number; whenFull: 'keep' | 'lru' }>;

export type CacheName = keyof typeof caches;

/** A bounded cache; `set` returns false when the cache is full and keeps what it has. */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): boolean;
  readonly size: number;
}

/** The cache named `name`, sized and evicting as declared above. */
export function boundedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(name: CacheName): BoundedCache<K, V> {
  const { size, whenFull } = caches[name];
  if (whenFull === 'lru') {
    const lru = new LRUCache<K, V>({ max: size });
    return {
      get: (key) => lru.get(key),
      set: (key, value) => (lru.set(key, value), true),
      get size() {
        return lru.size;
      },
    };
  }
  const map = new Map<K, V>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => map.size < size && (map.set(key, value), true),
    get size() {
      return map.size;
    },
  };
}

/** The size of a cache (for tests that fill one). */
export const cacheSize = (name: CacheName): number => caches[name].size;
