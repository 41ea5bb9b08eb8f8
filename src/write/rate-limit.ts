import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { budget } from '../http/rate-limit.js';
import { RateLimitedError } from '../graphql/errors.js';

/** Draws one write from the editor's budget; throws RateLimitedError (before any SQL) when it is spent. */
export type WriteLimit = (editor: string) => Promise<void>;

/**
 * Per-editor budget of mutations (WRITE_RATE_LIMIT per WRITE_RATE_LIMIT_WINDOW_SECONDS), keyed by
 * the token's subject rather than the IP, so a newsroom behind one proxy is not one editor.
 * Undefined when the limit is 0.
 */
export function writeRateLimit(config: Config, redis: Redis | undefined, logger: Logger): WriteLimit | undefined {
  const { writeRateLimit: points, writeRateLimitWindowSeconds: seconds } = config;
  if (points === 0) return undefined;
  const draw = budget(points, seconds, `${config.redisKeyPrefix}write-limit`, redis, logger);
  return async (editor) => {
    const result = await draw(editor);
    if (result.ok) return;
    throw new RateLimitedError(
      `Too many writes: at most ${points} mutations every ${seconds} s per editor. Retry in ${result.retryAfterSeconds} s.`,
      result.retryAfterSeconds,
    );
  };
}
