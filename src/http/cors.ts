import type { RequestHandler } from 'express';
import cors from 'cors';
import type { Config } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { sendHttpError } from './http-errors.js';

/**
 * A page served from this machine: http or https, host `localhost`, `127.0.0.1` or `[::1]`, any
 * port (or none). Exactly the form browsers send in `Origin`; `localhost.example.org`, `null`
 * (file:// pages) and other loopback addresses do not match.
 */
export const LOCAL_ORIGIN = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/;

/** The origins browsers may call from: CORS_ORIGINS, plus local pages when CORS_ALLOW_LOCAL is on (outside production by default). */
export function allowedOrigins(config: Pick<Config, 'corsOrigins' | 'corsAllowLocal'>): (string | RegExp)[] {
  return config.corsAllowLocal ? [...config.corsOrigins, LOCAL_ORIGIN] : [...config.corsOrigins];
}

export function isAllowedOrigin(origin: string, allowed: readonly (string | RegExp)[]): boolean {
  return allowed.some((entry) => (typeof entry === 'string' ? entry === origin : entry.test(origin)));
}

/**
 * CORS for /graphql. Every OPTIONS request ends here and never reaches Apollo, whose CSRF check
 * would answer a preflight with a misleading "This operation has been blocked as a potential
 * Cross-Site Request Forgery" 400:
 * - a preflight from an allowed origin gets 204 and the Access-Control-Allow-* headers;
 * - a preflight from any other origin gets 403 naming CORS_ORIGINS (the browser reports a CORS failure);
 * - an OPTIONS without Origin (not from a browser) gets 204 with `Allow`.
 * Other requests pass on, with Access-Control-Allow-Origin only for an allowed origin; Apollo's
 * CSRF prevention still refuses the simple (unpreflighted) requests a page could send cross-site.
 */
export function corsMiddleware(config: Pick<Config, 'corsOrigins' | 'corsAllowLocal'>): RequestHandler {
  const allowed = allowedOrigins(config);
  const methods = ['GET', 'POST', 'OPTIONS'];
  const headers = cors({
    // An array (never `false`): cors then answers every preflight itself and always sends `Vary: Origin`.
    origin: allowed,
    methods,
    allowedHeaders: ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  const hint = config.corsAllowLocal
    ? 'add it to CORS_ORIGINS (pages on localhost, 127.0.0.1 and [::1] are allowed already).'
    : 'add it to CORS_ORIGINS.';
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      if (origin === undefined) {
        res.set('Allow', methods.join(', ')).status(204).end();
        return;
      }
      if (!isAllowedOrigin(origin, allowed)) {
        res.vary('Origin');
        sendHttpError(
          req,
          res,
          403,
          ErrorCode.CORS_ORIGIN_NOT_ALLOWED,
          `Origin ${JSON.stringify(origin)} may not call this API from a browser: ${hint}`,
          {
            origin,
          },
        );
        return;
      }
    }
    headers(req, res, next);
  };
}
