import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../graphql/errors.js';
import { sendHttpError } from './http-errors.js';

/**
 * Answers 503 TIMEOUT when a request has not been answered in time, so a client is never left
 * hanging on a stuck dependency (statement_timeout bounds each SQL statement; this bounds the
 * whole request, pool waits included). Slow uploads are cut by the HTTP server's requestTimeout.
 */
export function responseDeadline(timeoutMs: number): (req: IncomingMessage, res: ServerResponse) => void {
  const message = `The request was not answered within ${timeoutMs} ms and was abandoned. Retry, or ask for less.`;
  return (req, res) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.setHeader('connection', 'close'); // the late answer is discarded with this connection
      sendHttpError(req, res, 503, ErrorCode.TIMEOUT, message);
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
  };
}
