import type { RequestHandler } from 'express';
import { ErrorCode } from '../graphql/errors.js';
import { sendHttpError } from './http-errors.js';

/**
 * Answers 503 TIMEOUT when a request has not been answered in time, so a client is never left
 * hanging on a stuck dependency (statement_timeout bounds each SQL statement; this bounds the
 * whole request, pool waits included). Slow uploads are cut by the HTTP server's requestTimeout.
 */
export function responseDeadline(timeoutMs: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      res.set('Connection', 'close'); // the late answer is discarded with this connection
      sendHttpError(
        req,
        res,
        503,
        ErrorCode.TIMEOUT,
        `The request was not answered within ${timeoutMs} ms and was abandoned. Retry, or ask for less.`,
      );
    }, timeoutMs);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
