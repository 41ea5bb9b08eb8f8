import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Everything a resolver may use; built fresh for each request so loader caches never leak. */
export interface Context {
  db: Database;
  loaders: Loaders;
  config: Config;
  logger: Logger;
  requestId: string;
}

/** `logger` is the server's; the context's own carries the request id, made on first use (most requests log nothing). */
export function createContext(db: Database, config: Config, logger: Logger, requestId: string): Context {
  let requestLogger: Logger | undefined;
  return {
    db,
    loaders: createLoaders(db),
    config,
    requestId,
    get logger() {
      return (requestLogger ??= logger.child({ requestId }));
    },
  };
}
