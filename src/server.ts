import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './paths.js';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { getSchema } from './graphql/schema.js';
import { jitExecution } from './graphql/jit.js';
import { createContext, type Context } from './graphql/context.js';
import { AuthenticationError, createAuthenticator } from './auth/verify.js';
import type { Viewer } from './auth/roles.js';
import {
  BadUserInputError,
  classifyDatabaseFault,
  databaseFaultMessage,
  ErrorCode,
  QueryTooComplexError,
  UnauthenticatedError,
} from './graphql/errors.js';
import { HttpError, preferredType, send, sendHttpError, sendJson } from './http/http-errors.js';
import { loggingPlugin } from './http/logging-plugin.js';
import { queryLimits, TOKEN_LIMIT_MESSAGE } from './http/query-limits.js';
import { FanoutStatistics } from './graphql/fanout.js';
import { rateLimit } from './http/rate-limit.js';
import { corsHandler } from './http/cors.js';
import { clientAddress } from './http/client-address.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { checkReadiness } from './http/readiness.js';
import { connectRedis, RedisKeyValueCache } from './http/redis.js';
import { responseDeadline } from './http/request-timeout.js';
import { attachLiveEndpoint, type LiveEndpoint } from './http/subscriptions.js';
import { createLiveHub, type LiveHub } from './live/hub.js';

const examplesFile = path.join(packageRoot, 'examples.graphql');

/** Turns class-validator's nested report into one readable sentence per broken constraint. */
function validationMessage(error: ArgumentValidationError): string {
  const lines: string[] = [];
  const walk = (errors: typeof error.extensions.validationErrors | undefined, path: string) => {
    for (const e of errors ?? []) {
      const at = path ? `${path}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) lines.push(`${at}: ${message}`);
      walk(e.children, at);
    }
  };
  walk(error.extensions.validationErrors, '');
  return lines.length ? `Invalid argument: ${lines.join('; ')}.` : error.message;
}

/** "Did you mean …" hints reveal schema names to someone probing with introspection off. */
const SUGGESTION = /\s*Did you mean .*\?/g;

/**
 * What clients see of an error: user errors keep their message and code; query-limit and
 * database faults get their own stable codes; anything unexpected reaches the client as a bare
 * INTERNAL_SERVER_ERROR (never a message, stack or SQL; the logging plugin records the details).
 */
export function formatError(config: Pick<Config, 'production'>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      return { message: validationMessage(original), path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    // Limits enforced by validation rules arrive wrapped in Apollo's GRAPHQL_VALIDATION_FAILED.
    const limit =
      original instanceof QueryTooComplexError
        ? original
        : error instanceof GraphQLError && error.originalError instanceof QueryTooComplexError
          ? error.originalError
          : undefined;
    if (limit) {
      const { http: _http, ...extensions } = limit.extensions;
      return { message: limit.message, locations: formatted.locations, extensions };
    }
    const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
    if (tokens) {
      const maximum = Number(tokens[1]);
      return {
        message: `Query token limit of ${maximum} exceeded.`,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', maximum },
      };
    }
    // A literal a scalar refuses (`country(code: "XX")`) is bad input, as the same value in a variable is.
    const refusedLiteral = error instanceof GraphQLError && error.originalError instanceof BadUserInputError;
    if (refusedLiteral && formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const fault = classifyDatabaseFault(original);
    if (fault) return { message: databaseFaultMessage[fault], path: formatted.path, extensions: { code: fault } };
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && (original instanceof GraphQLError || !(original instanceof Error))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const message = config.production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
      return { ...formatted, message, extensions };
    }
    // Apollo's own request errors (e.g. an APQ hash mismatch) carry a 4xx status but no code.
    const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
    if (error instanceof GraphQLError && !error.originalError && status !== undefined && status >= 400 && status < 500) {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

export interface NewsgraphServer {
  /** Serves /graphql, /, /healthz and /readyz; a WebSocket server can share it (its 'upgrade' events are free). */
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Per-request context for in-process operations (`apollo.executeOperation`). */
  context(): Context;
  /** Where committed changes are published (and, through Redis, shared with the other instances). */
  live: LiveHub;
  /** The WebSocket endpoint for subscriptions on /graphql. */
  liveEndpoint: LiveEndpoint;
  /**
   * Stops accepting, sends subscription messages in flight and closes sockets (1001), drains
   * in-flight requests (up to shutdownGraceMs), closes Redis; the database stays open.
   */
  stop(): Promise<void>;
  /** Rereads the nested lists' measured sizes now (after an in-process load), instead of at the next reload. */
  reloadFanout(): Promise<void>;
}

/** A client-chosen request id is kept (to correlate with its own logs) only if it is short and plain. */
function requestIdOf(header: string | undefined): string {
  return header && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** What GET / answers to a program: where the API and the health checks are. */
function rootDocument(sandbox: boolean) {
  return {
    name: 'newsgraph',
    description: 'GraphQL API for news data about armed conflict.',
    graphql: '/graphql',
    sandbox: sandbox ? '/graphql' : null,
    health: '/healthz',
    ready: '/readyz',
  };
}

/** What GET / answers to a browser: the same, as links. */
function rootPage(sandbox: boolean): string {
  const explore = sandbox
    ? '<li><a href="/graphql">/graphql</a>: the API; open it in a browser for Apollo Sandbox (loaded from Apollo\'s CDN)</li>'
    : '<li><code>POST /graphql</code>: the API</li>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newsgraph</title></head><body>
<h1>newsgraph</h1><p>GraphQL API for news data about armed conflict.</p>
<ul>${explore}<li><a href="/healthz">/healthz</a>: liveness</li><li><a href="/readyz">/readyz</a>: readiness</li></ul>
</body></html>`;
}

/** Builds the HTTP server and Apollo over an open database; no globals, so tests build many. */
export async function createServer(handle: DatabaseHandle, config: Config, logger: Logger): Promise<NewsgraphServer> {
  const httpServer = http.createServer({
    // Slow or stalled uploads are cut with 408; Node checks open connections this often.
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.requestTimeoutMs / 4))),
  });
  // Both wait (at most 5 s) for Redis at start, side by side.
  const [redis, live] = await Promise.all([
    config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined,
    createLiveHub({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger }),
  ]);
  // The cost estimate multiplies by the nested lists' measured sizes: read them now and every so
  // often (importers refresh the table); unreadable, the estimate uses its defaults until a reload works.
  const fanout = new FanoutStatistics();
  const reloadFanout = () =>
    fanout.reload(handle.db).catch((err) => logger.warn({ err }, 'could not read the list sizes for the cost estimate'));
  await reloadFanout();
  const fanoutTimer =
    config.fanoutReloadSeconds > 0 ? setInterval(() => void reloadFanout(), config.fanoutReloadSeconds * 1000).unref() : undefined;
  const limits = queryLimits(config, fanout);
  const examples = readFileSync(examplesFile, 'utf8');
  const schema = await getSchema();
  const jit = jitExecution(schema);
  const authenticate = createAuthenticator(config.auth);
  /** The request's viewer; a token that fails verification is refused (401), its reason logged, never sent. */
  const viewerOf = async (authorization: string | undefined, requestId: string): Promise<Viewer> => {
    let viewer: Viewer;
    try {
      viewer = await authenticate(authorization);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      logger.info({ requestId, reason: error.reason }, 'bearer token refused');
      throw new UnauthenticatedError('The bearer token is not valid: sign in again.');
    }
    if (config.readRequiresAuth && viewer.kind !== 'user') throw new UnauthenticatedError();
    return viewer;
  };
  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
    config.sandbox
      ? ApolloServerPluginLandingPageLocalDefault({ embed: true, document: examples, includeCookies: false })
      : ApolloServerPluginLandingPageDisabled(),
    loggingPlugin(logger),
    // newsgraph sets no cache hints; the built-in plugin would still wrap every field resolver.
    ApolloServerPluginCacheControlDisabled(),
    ...(limits.plugins as ApolloServerPlugin<Context>[]),
    // Last: it answers the operation, so every check above has run first.
    jit.plugin,
  ];
  const apollo = new ApolloServer<Context>({
    // The schema, executed by graphql-jit (see jit.ts).
    gateway: jit.gateway,
    plugins,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config),
    // Both are Apollo's defaults, stated so a future edit cannot drop them silently.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    persistedQueries: config.persistedQueries
      ? {
          ttl: config.persistedQueryTtlSeconds,
          // Without Redis, Apollo keeps a bounded in-memory cache per instance.
          ...(redis ? { cache: new RedisKeyValueCache(redis, `${config.redisKeyPrefix}apq:`, logger) } : {}),
        }
      : false,
    logger: logger.child({ component: 'apollo' }),
    // src/index.ts owns SIGTERM/SIGINT (grace period, pool close); Apollo's own handler would race it.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  let stopping = false;
  const deadline = responseDeadline(config.requestTimeoutMs);
  const cors = corsHandler(config);
  const clientOf = clientAddress(config.trustProxy);
  const limit = rateLimit(config, redis, logger);
  const graphql = graphqlHandler(apollo, {
    maxBodyBytes: config.maxBodyBytes,
    context: async (req, res) => {
      const requestId = res.getHeader('x-request-id') as string;
      return createContext(handle.db, config, logger, requestId, await viewerOf(req.headers.authorization, requestId), { hub: live });
    },
  });
  const liveEndpoint = attachLiveEndpoint({
    httpServer,
    schema,
    db: handle.db,
    config,
    logger,
    hub: live,
    fanout,
    validationRules: limits.validationRules,
    viewerOf,
    clientOf,
    formatError: formatError(config),
  });

  async function serveGraphQL(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('x-request-id', requestIdOf(req.headers['x-request-id'] as string | undefined));
    deadline(req, res);
    if (cors(req, res)) return;
    if (limit && !(await limit(req, res, clientOf(req)))) return;
    await graphql(req, res);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    if (pathname === '/graphql' || pathname.startsWith('/graphql/')) return serveGraphQL(req, res);
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (readOnly && pathname === '/') {
      // The root says where things are, instead of "Cannot GET /".
      if (preferredType(req, ['application/json', 'text/html']) === 'text/html') send(res, 200, 'text/html', rootPage(config.sandbox));
      else sendJson(res, 200, rootDocument(config.sandbox));
    } else if (readOnly && pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (readOnly && pathname === '/readyz') {
      const readiness = stopping ? ({ ready: false, reason: 'shutting down' } as const) : await checkReadiness(handle.db);
      sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', ...readiness });
    } else {
      sendHttpError(req, res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${pathname}: the API is POST /graphql; GET / lists the rest.`);
    }
  }

  // Errors raised before Apollo (body reader) or after a timed-out answer: JSON, never an HTML page or stack.
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendHttpError(req, res, err.status, err.code, err.message, err.extensions);
      } else if (!res.headersSent && !req.destroyed) {
        logger.error({ err, requestId: res.getHeader('x-request-id') }, 'unexpected error while handling an HTTP request');
        sendHttpError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      }
    });
  });

  return {
    httpServer,
    apollo,
    context: () => createContext(handle.db, config, logger, randomUUID(), undefined, { hub: live }),
    live,
    liveEndpoint,
    reloadFanout,
    async stop() {
      stopping = true;
      clearInterval(fanoutTimer);
      // Sockets first: Apollo's drain waits for every open connection, and a WebSocket never ends by itself.
      await liveEndpoint.stop(Math.min(5_000, config.shutdownGraceMs / 2));
      await apollo.stop();
      await live.close();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
