import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createLoaders, type Loaders } from './loaders.js';
import { anonymous, seesRetracted, type Viewer } from '../auth/roles.js';

/** Everything a resolver may use; built fresh for each request so loader caches never leak. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
  /** Who is asking, from the request's bearer token; anonymous without one. */
  viewer: Viewer;
}

/**
 * The request's logger (the server's, bound to the request id) is made on first use: most
 * requests log nothing. The getter lives on the prototype because Apollo copies the context's
 * own properties for each request (`Object.assign` onto an object of the same prototype), which
 * would call an own getter, and so build the logger, every time.
 */
class RequestContext implements Context {
  readonly loaders: Loaders;
  // Not a #private field: Apollo's copy would not carry its slot, and reading it would throw.
  private requestLogger: Logger | undefined = undefined;

  constructor(
    readonly db: Database,
    readonly config: Config,
    private readonly serverLogger: Logger,
    readonly requestId: string,
    readonly viewer: Viewer,
  ) {
    this.loaders = createLoaders(db, { includeRetracted: seesRetracted(viewer) });
  }

  get logger(): Logger {
    return (this.requestLogger ??= this.serverLogger.child({ requestId: this.requestId }));
  }
}

export function createContext(db: Database, config: Config, logger: Logger, requestId: string, viewer: Viewer = anonymous): Context {
  return new RequestContext(db, config, logger, requestId, viewer);
}
