import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { sendHttpError } from './http-errors.js';

/** Resolves true when the request may go on; false when it was refused (and answered). */
export type RateLimit = (req: IncomingMessage, res: ServerResponse, client: string) => Promise<boolean>;

/** What one draw from a budget gives: go on (with what is left), or wait this long. */
export type Draw = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A budget of `points` per `seconds` per key. With Redis every instance draws from the same
 * budget; if Redis fails, each instance falls back to its own in-memory budget, and if that
 * fails too the draw succeeds: a broken store must not refuse everyone.
 */
export function budget(
  points: number,
  seconds: number,
  keyPrefix: string,
  redis: Redis | undefined,
  logger: Logger,
): (key: string) => Promise<Draw> {
  const options = { points, duration: seconds, keyPrefix };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);
  return async (key) => {
    try {
      const result = await limiter.consume(key);
      return { ok: true, remaining: result.remainingPoints };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        logger.warn({ err: rejection }, 'rate limiter unavailable');
        return { ok: true, remaining: 0 };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}

/**
 * Per-client (per IP) request budget on /graphql. Over budget: 429, `Retry-After`, and a
 * RATE_LIMITED error. Undefined when RATE_LIMIT_REQUESTS is 0 (no limit).
 */
export function rateLimit(config: Config, redis: Redis | undefined, logger: Logger): RateLimit | undefined {
  if (config.rateLimitRequests === 0) return undefined;
  const draw = budget(config.rateLimitRequests, config.rateLimitWindowSeconds, `${config.redisKeyPrefix}rate-limit`, redis, logger);
  return async (req, res, client) => {
    const result = await draw(client);
    if (result.ok) {
      res.setHeader('ratelimit-remaining', String(result.remaining));
      return true;
    }
    const { retryAfterSeconds } = result;
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
  };
}
