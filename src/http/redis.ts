import { Redis } from 'ioredis';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';

/** How long start-up waits for Redis before carrying on with the in-memory fallbacks. */
const REDIS_READY_TIMEOUT_MS = 5_000;

/**
 * One Redis connection per process, shared by the rate limiter and the persisted-query cache.
 * Commands fail fast while Redis is down (no offline queue), so callers fall back instead of
 * hanging; ioredis keeps reconnecting in the background. Start-up waits for the first
 * connection so the first requests already share state with the other instances.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!ready)
    logger.warn(
      { timeoutMs: REDIS_READY_TIMEOUT_MS },
      'redis not reachable yet: rate limits and persisted queries fall back to this instance',
    );
  return redis;
}

/**
 * Apollo's KeyValueCache over ioredis, for automatic persisted queries shared by every instance.
 * Written here rather than pulling in keyv + @keyv/redis (a second Redis client library).
 * A cache miss is harmless with APQ (the client resends the full query), so Redis errors read as misses.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (err) {
      this.logger.warn({ err }, 'persisted query cache read failed');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(options.ttl));
      else await this.redis.set(this.prefix + key, value);
    } catch (err) {
      this.logger.warn({ err }, 'persisted query cache write failed');
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch {
      return false;
    }
  }
}
