import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { sendHttpError } from './http-errors.js';

/** Resolves true when the request may go on; false when it was refused (and answered). */
export type RateLimit = (req: IncomingMessage, res: ServerResponse, client: string) => Promise<boolean>;

/**
 * Per-client (per IP) request budget on /graphql. With Redis every instance draws from the same
 * budget; if Redis fails, each instance falls back to its own in-memory budget rather than
 * refusing everyone. Over budget: 429, `Retry-After`, and a RATE_LIMITED error. Undefined when
 * RATE_LIMIT_REQUESTS is 0 (no limit).
 */
export function rateLimit(config: Config, redis: Redis | undefined, logger: Logger): RateLimit | undefined {
  if (config.rateLimitRequests === 0) return undefined;
  const options = {
    points: config.rateLimitRequests,
    duration: config.rateLimitWindowSeconds,
    keyPrefix: `${config.redisKeyPrefix}rate-limit`,
  };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);

  return async (req, res, client) => {
    try {
      const result = await limiter.consume(client);
      res.setHeader('ratelimit-remaining', String(result.remainingPoints));
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // The store failed and no fallback answered: serve the request rather than refuse everyone.
        logger.warn({ err: rejection }, 'rate limiter unavailable');
        return true;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.setHeader('retry-after', String(retryAfterSeconds));
      sendHttpError(
        req,
        res,
        429,
        ErrorCode.RATE_LIMITED,
        `Too many requests: at most ${config.rateLimitRequests} every ${config.rateLimitWindowSeconds} s. Retry in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
      return false;
    }
  };
}
