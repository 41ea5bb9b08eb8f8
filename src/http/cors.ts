import type { IncomingMessage, ServerResponse } from 'node:http';
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

const METHODS = ['GET', 'POST', 'OPTIONS'];
const ALLOWED_HEADERS = 'content-type,apollo-require-preflight,x-apollo-operation-name,x-request-id';
const EXPOSED_HEADERS = 'x-request-id,retry-after';
const MAX_AGE_SECONDS = '600';

/**
 * CORS for /graphql; answers true when it has answered the request itself. Every OPTIONS request
 * ends here and never reaches Apollo, whose CSRF check would answer a preflight with a misleading
 * "This operation has been blocked as a potential Cross-Site Request Forgery" 400:
 * - a preflight from an allowed origin gets 204 and the Access-Control-Allow-* headers;
 * - a preflight from any other origin gets 403 naming CORS_ORIGINS (the browser reports a CORS failure);
 * - an OPTIONS without Origin (not from a browser) gets 204 with `Allow`.
 * Other requests pass on, with Access-Control-Allow-Origin only for an allowed origin (and
 * `Vary: Origin` always, so caches keep answers per origin); Apollo's CSRF prevention still
 * refuses the simple (unpreflighted) requests a page could send cross-site.
 */
export function corsHandler(
  config: Pick<Config, 'corsOrigins' | 'corsAllowLocal'>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = allowedOrigins(config);
  const hint = config.corsAllowLocal
    ? 'add it to CORS_ORIGINS (pages on localhost, 127.0.0.1 and [::1] are allowed already).'
    : 'add it to CORS_ORIGINS.';
  return (req, res) => {
    const origin = req.headers.origin;
    if (req.method !== 'OPTIONS') {
      res.setHeader('vary', 'Origin');
      if (origin !== undefined && isAllowedOrigin(origin, allowed)) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
      }
      return false;
    }
    if (origin === undefined) {
      res.statusCode = 204;
      res.setHeader('allow', METHODS.join(', '));
      res.end();
      return true;
    }
    res.setHeader('vary', 'Origin');
    if (!isAllowedOrigin(origin, allowed)) {
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
      return true;
    }
    res.statusCode = 204;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-methods', METHODS.join(','));
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', MAX_AGE_SECONDS);
    res.setHeader('content-length', '0');
    res.end();
    return true;
  };
}
