/**
 * newsgraph on its former HTTP layer, for the HTTP layer's A/B (issue 19): the same Apollo
 * server, schema, plugins and context as src/server.ts builds, behind express 5 and
 * `@as-integrations/express5` with the middleware the express version ran on /graphql
 * (request id, response deadline, the `cors` package, express.json), in one router layer as it
 * had. Only the benchmark uses it (express is a dependency of bench/package.json alone).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import cors from 'cors';
import { expressMiddleware } from '@as-integrations/express5';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openMigratedDatabase } from '../src/db/startup.js';
import { createServer } from '../src/server.js';
import { createContext } from '../src/graphql/context.js';
import { allowedOrigins } from '../src/http/cors.js';
import { sendHttpError } from '../src/http/http-errors.js';
import { ErrorCode } from '../src/graphql/errors.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const handle = await openMigratedDatabase({
  url: config.databaseUrl,
  pgliteDataDir: config.pgliteDataDir,
  poolMax: config.poolMax,
  connectionTimeoutMs: config.connectionTimeoutMs,
  statementTimeoutMs: config.statementTimeoutMs,
});
const newsgraph = await createServer(handle, config, logger);

/** The former src/http/chain.ts: the middleware as one express handler. */
function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== 'route') return done(error);
      const handler = handlers[index++];
      if (!handler || error === 'route') return done();
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(
  '/graphql',
  chain(
    (req, res, next) => {
      const header = req.header('x-request-id');
      res.locals.requestId = header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
      res.set('X-Request-Id', res.locals.requestId as string);
      next();
    },
    (req, res, next) => {
      const timer = setTimeout(() => {
        res.set('Connection', 'close');
        sendHttpError(req, res, 503, ErrorCode.TIMEOUT, 'The request was not answered in time.');
      }, config.requestTimeoutMs);
      res.on('close', () => clearTimeout(timer));
      next();
    },
    cors({
      origin: allowedOrigins(config),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    }),
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(newsgraph.apollo, {
      context: async ({ res }) => createContext(handle.db, config, logger, res.locals.requestId as string),
    }),
  ),
);
const server = http.createServer({ requestTimeout: config.requestTimeoutMs }, app);
server.listen(config.port, config.host, () => console.log(`newsgraph on express ready on ${config.port}`));
process.on('SIGTERM', () => {
  server.close();
  void newsgraph
    .stop()
    .then(() => handle.close())
    .finally(() => process.exit(0));
});
