import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createLoaders, type Loaders } from './loaders.js';
import { anonymous, seesRetracted, type Viewer } from '../auth/roles.js';
import type { LiveHub } from '../live/hub.js';
import type { WriteLimit } from '../write/rate-limit.js';

/** Everything a resolver may use; built fresh for each request so loader caches never leak. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
  /** Who is asking, from the request's bearer token; anonymous without one. */
  viewer: Viewer;
  /** Where committed changes are published and subscriptions listen; absent where nothing serves subscriptions. */
  live?: LiveHub | undefined;
  /** For a subscription: its WebSocket connection's limits (src/http/subscriptions.ts). */
  connection?: LiveConnection | undefined;
  /** Draws from the editor's write budget before a mutation runs; absent when WRITE_RATE_LIMIT is 0. */
  writeLimit?: WriteLimit | undefined;
}

/** What a subscription's event source needs from the socket it feeds. */
export interface LiveConnection {
  /** LIVE_MAX_PENDING_EVENTS. */
  readonly maxPendingEvents: number;
  /** LIVE_STATS_INTERVAL_MS. */
  readonly statsIntervalMs: number;
  /** Closes the socket of a client that does not keep up (4008), so its backlog is dropped. */
  slowConsumer(reason: string): void;
  /** True once the server is shutting down: new changes are no longer queued, queued ones still go out. */
  readonly draining: boolean;
  /** Counts changes accepted for delivery (+) and sent or dropped (−), so shutdown can wait for them. */
  delivering(count: number): void;
}

/** Loaders as this viewer may read (admins see retracted records): a request's, or a subscription message's, own. */
export function viewerLoaders(db: Database, viewer: Viewer): Loaders {
  return createLoaders(db, { includeRetracted: seesRetracted(viewer) });
}

/**
 * The request's logger (the server's, bound to the request id) is made on first use: most
 * requests log nothing. The getter lives on the prototype because Apollo copies the context's
 * own properties for each request (`Object.assign` onto an object of the same prototype), which
 * would call an own getter, and so build the logger, every time.
 */
class RequestContext implements Context {
  // Not readonly: a subscription runs each event with the same context, and loads through that event's loaders.
  loaders: Loaders;
  // Not a #private field: Apollo's copy would not carry its slot, and reading it would throw.
  private requestLogger: Logger | undefined = undefined;

  constructor(
    readonly db: Database,
    readonly config: Config,
    private readonly serverLogger: Logger,
    readonly requestId: string,
    readonly viewer: Viewer,
    readonly live: LiveHub | undefined,
    readonly connection: LiveConnection | undefined,
    readonly writeLimit: WriteLimit | undefined,
  ) {
    this.loaders = viewerLoaders(db, viewer);
  }

  get logger(): Logger {
    return (this.requestLogger ??= this.serverLogger.child({ requestId: this.requestId }));
  }
}

export function createContext(
  db: Database,
  config: Config,
  logger: Logger,
  requestId: string,
  viewer: Viewer = anonymous,
  extras: { hub?: LiveHub | undefined; connection?: LiveConnection | undefined; writeLimit?: WriteLimit | undefined } = {},
): Context {
  return new RequestContext(db, config, logger, requestId, viewer, extras.hub, extras.connection, extras.writeLimit);
}
