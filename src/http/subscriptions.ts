import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  createSourceEventStream,
  execute,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Viewer } from '../auth/roles.js';
import type { LiveHub } from '../live/hub.js';
import { createContext, type LiveConnection } from '../graphql/context.js';
import { ErrorCode, QueryTooComplexError } from '../graphql/errors.js';
import type { FanoutStatistics } from '../graphql/fanout.js';
import type { ChangeEvent } from '../graphql/modules/live/stream.js';
import { estimateQueryCost } from './query-cost.js';
import { assertWithinCost } from './query-limits.js';
import { allowedOrigins, isAllowedOrigin } from './cors.js';

/** Close codes this endpoint uses besides graphql-ws' own (4400 bad request, 4408 no connection_init, …). */
export const LiveCloseCode = {
  /** connection_init without a valid token (a forged one, or none where READ_REQUIRES_AUTH is on). */
  UNAUTHORIZED: CloseCode.Unauthorized, // 4401
  /** A subscription to editor-only data without the role. */
  FORBIDDEN: CloseCode.Forbidden, // 4403
  /** The client does not take its messages fast enough (LIVE_MAX_BUFFERED_BYTES, LIVE_MAX_PENDING_EVENTS). */
  SLOW_CONSUMER: 4008,
  /** The server is shutting down: reconnect (to another instance). */
  GOING_AWAY: 1001,
  /**
   * The token expired while the socket was open: reconnect with a fresh one. Not 4401, which
   * graphql-ws clients treat as fatal (no retry); on this code they reconnect, calling a
   * `connectionParams` function again, and resubscribe.
   */
  TOKEN_EXPIRED: 4419,
} as const;

/** setTimeout's longest delay (about 24.8 days); a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A socket lives longer than the token it was opened with: when the token expires the socket
 * closes with TOKEN_EXPIRED, and the client reconnects with a fresh one.
 */
function closeAtExpiry(socket: WebSocket, expiresAt: number): void {
  if (socket.readyState !== socket.OPEN) return; // closed while the token was checked
  let timer: NodeJS.Timeout;
  const arm = () => {
    const delay = expiresAt - Date.now();
    if (delay <= 0) socket.close(LiveCloseCode.TOKEN_EXPIRED, 'Token expired');
    else timer = setTimeout(arm, Math.min(delay, MAX_TIMER_MS)).unref();
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}

/** What the server knows of a socket once connection_init is accepted. */
interface SocketState {
  viewer: Viewer;
  connection: LiveConnection;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage; state?: SocketState };

export interface LiveEndpointOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  db: Database;
  config: Config;
  logger: Logger;
  hub: LiveHub;
  fanout: FanoutStatistics;
  /** The queries' validation rules (depth, aliases, directives), run on subscriptions too. */
  validationRules: ValidationRule[];
  /** The HTTP layer's: Authorization value → viewer; throws UnauthenticatedError for a token that fails. */
  viewerOf: (authorization: string | undefined, requestId: string) => Promise<Viewer>;
  clientOf: (req: http.IncomingMessage) => string;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export interface LiveEndpoint {
  /** Open sockets. */
  readonly connections: number;
  /** Stops accepting sockets, sends what is in flight, closes every socket with 1001. */
  stop(timeoutMs: number): Promise<void>;
}

/** An HTTP answer to an upgrade request that is refused before the WebSocket handshake. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Results shared by the subscribers of one change on this instance: subscriptions with the same
 * operation, variables and roles get the same result, executed once (through the normal
 * resolvers) rather than once per socket: what lets a thousand dashboards follow one change.
 */
const sharedResults = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
/** Per subscription (its context): what makes its results shareable, or nothing. */
const shareKeys = new WeakMap<object, string>();

function isChangeEvent(value: unknown): value is ChangeEvent {
  return typeof value === 'object' && value !== null && 'message' in value && 'id' in value;
}

/** graphql-js' `subscribe`, with each change's execution shared as above. */
async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream[Symbol.asyncIterator]();
  const key = shareKeys.get(args.contextValue as object);
  const run = (payload: unknown): Promise<ExecutionResult> => {
    const once = () => Promise.resolve(execute({ ...args, rootValue: payload }));
    if (key === undefined || !isChangeEvent(payload)) return once();
    let byKey = sharedResults.get(payload.message);
    if (!byKey) sharedResults.set(payload.message, (byKey = new Map<string, Promise<ExecutionResult>>()));
    const entry = `${payload.id}\n${key}`;
    let result = byKey.get(entry);
    if (!result) byKey.set(entry, (result = once()));
    return result;
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const item = await source.next();
      return item.done ? { value: undefined, done: true } : { value: await run(item.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

const codeOf = (error: GraphQLError) => (error.originalError as GraphQLError | undefined)?.extensions?.code ?? error.extensions?.code;

/**
 * Subscriptions over WebSocket (the graphql-ws protocol, with `ws`) on the HTTP server's
 * /graphql, as Apollo Server's documentation sets it up. Queries and mutations stay on HTTP
 * (graphql-jit, rate limits, persisted queries); a socket runs subscriptions only, each parsed,
 * validated and priced with the queries' limits, then executed by graphql-js' `subscribe`.
 */
export function attachLiveEndpoint(options: LiveEndpointOptions): LiveEndpoint {
  const { config, logger, hub, schema } = options;
  const limits = config.live;
  const rules = [...specifiedRules, ...options.validationRules];
  const perClient = new Map<string, number>();
  const origins = allowedOrigins(config);
  let stopping = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const delivering = (count: number) => {
    inFlight += count;
    if (inFlight <= 0 && drained) drained();
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? '/';
    const pathname = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
    if (pathname !== '/graphql') return refuseUpgrade(socket, 404, 'Not Found', 'WebSocket subscriptions are served on /graphql.');
    if (stopping) return refuseUpgrade(socket, 503, 'Service Unavailable', 'The server is shutting down; connect again.');
    // Browsers do not apply CORS to WebSockets: the same origins as for HTTP, checked here. Other clients send no Origin.
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, origins)) {
      return refuseUpgrade(socket, 403, 'Forbidden', `Origin ${origin} may not open WebSockets here: add it to CORS_ORIGINS.`);
    }
    const client = options.clientOf(req);
    const open = perClient.get(client) ?? 0;
    if (open >= limits.maxConnectionsPerClient) {
      logger.info({ client, open }, 'live updates: too many sockets from one client address');
      return refuseUpgrade(socket, 429, 'Too Many Requests', `At most ${limits.maxConnectionsPerClient} WebSockets per client address.`);
    }
    perClient.set(client, open + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    };
    socket.once('close', release); // a handshake that fails never becomes a WebSocket
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('close', release);
      wss.emit('connection', ws, req);
    });
  };
  options.httpServer.on('upgrade', onUpgrade);

  const format = (errors: readonly GraphQLError[]) => errors.map((error) => options.formatError(error.toJSON(), error));

  const slowConsumer = (socket: WebSocket, reason: string) => {
    if (socket.readyState !== socket.OPEN) return;
    logger.warn({ reason, buffered: socket.bufferedAmount }, 'live updates: closing the socket of a slow consumer');
    socket.close(LiveCloseCode.SLOW_CONSUMER, 'Slow consumer');
    // Its unsent data would hold memory until the close handshake ends: cut it soon after.
    setTimeout(() => socket.terminate(), 1_000).unref();
  };

  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      isProd: config.production,
      subscribe: subscribeShared,
      async onConnect(ctx: WsContext<Record<string, unknown> | undefined, Extra>) {
        const { socket, request } = ctx.extra;
        const params = ctx.connectionParams ?? {};
        const token = params.authorization ?? params.Authorization ?? request.headers.authorization;
        let viewer: Viewer;
        try {
          viewer = await options.viewerOf(typeof token === 'string' ? token : undefined, randomUUID());
        } catch (error) {
          if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.UNAUTHENTICATED) throw error;
          socket.close(LiveCloseCode.UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        if (viewer.kind === 'user' && viewer.expiresAt !== undefined) closeAtExpiry(socket, viewer.expiresAt);
        ctx.extra.state = {
          viewer,
          connection: {
            maxPendingEvents: limits.maxPendingEvents,
            statsIntervalMs: limits.statsIntervalMs,
            slowConsumer: (reason) => slowConsumer(socket, reason),
            get draining() {
              return stopping;
            },
            delivering,
          },
        };
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const state = ctx.extra.state!;
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection; complete one first.`, {
              extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, maximum: limits.maxSubscriptionsPerConnection },
            }),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: config.maxTokens });
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          return [new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) {
          // As Apollo reports them, so formatError turns limit errors into QUERY_TOO_COMPLEX alike.
          return invalid.map((error) =>
            error instanceof QueryTooComplexError
              ? error
              : new GraphQLError(error.message, {
                  nodes: error.nodes,
                  originalError: error.originalError,
                  extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
                }),
          );
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Name the operation to run (operationName).', { extensions: { code: ErrorCode.BAD_USER_INPUT } })];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            new GraphQLError('The WebSocket carries subscriptions only; send queries and mutations to POST /graphql.', {
              extensions: { code: ErrorCode.BAD_REQUEST },
            }),
          ];
        }
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
        }
        try {
          assertWithinCost(
            estimateQueryCost(schema, operation, fragments, payload.variables ?? {}, options.fanout.of),
            config.maxQueryCost,
          );
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const requestId = `${randomUUID()}#${id}`;
        const contextValue = createContext(options.db, config, logger, requestId, state.viewer, { hub, connection: state.connection });
        // What a result may depend on besides the change: the operation, its variables and the viewer's roles (never the subject).
        const roles = state.viewer.kind === 'user' ? [...state.viewer.roles].sort().join(',') : 'anonymous';
        shareKeys.set(
          contextValue,
          [roles, payload.operationName ?? '', JSON.stringify(payload.variables ?? {}), payload.query].join('\n'),
        );
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onOperation(ctx, _id, _payload, _args, result) {
        // Refused by the authorization check on the subscription field (type-graphql's @Authorized).
        const errors = (result as ExecutionResult).errors;
        if (!errors?.length || Symbol.asyncIterator in result) return undefined;
        const code = errors.map(codeOf).find((c) => c === ErrorCode.UNAUTHENTICATED || c === ErrorCode.FORBIDDEN);
        if (code === ErrorCode.UNAUTHENTICATED) ctx.extra.socket.close(LiveCloseCode.UNAUTHORIZED, 'Unauthorized');
        else if (code === ErrorCode.FORBIDDEN) ctx.extra.socket.close(LiveCloseCode.FORBIDDEN, 'Forbidden');
        return undefined;
      },
      onNext(ctx, _id, _payload, _args, result) {
        // graphql-ws sends right after this returns: count the message delivered once it is written, not before.
        setImmediate(() => delivering(-1));
        const { socket } = ctx.extra;
        if (socket.bufferedAmount > limits.maxBufferedBytes) {
          slowConsumer(socket, `${socket.bufferedAmount} bytes not yet taken by the client`);
        }
        return result.errors?.length ? { ...result, errors: format(result.errors) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return format(errors);
      },
    },
    wss,
    limits.pingIntervalMs > 0 ? limits.pingIntervalMs : Infinity,
  );

  return {
    get connections() {
      return wss.clients.size;
    },
    async stop(timeoutMs) {
      stopping = true;
      options.httpServer.off('upgrade', onUpgrade);
      // Changes already accepted go out first (queued, being resolved), within the time given.
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const closed = [...wss.clients].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      await server.dispose(); // closes every socket with 1001 (after what was sent before) and the server
      const cut = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 2_000);
      await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 2_500))]);
      clearTimeout(cut);
    },
  };
}
