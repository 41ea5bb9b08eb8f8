import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createServer } from './server.js';
import { seedIfEmpty } from '../seeds/index.js';

const startedAt = performance.now();
const config = loadConfig();
const logger = createLogger(config.logLevel);

const handle = await openDatabase({ url: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolMax: config.poolMax });
await migrateDatabase(handle);
if (config.seedOnStart && (await seedIfEmpty(handle.db))) logger.info('database was empty: seed dataset loaded');
const server = await createServer(handle, config, logger);
await new Promise<void>((resolve) => server.httpServer.listen(config.port, config.host, resolve));
const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : config.port;
logger.info(
  { driver: handle.driver, port, startupMs: Math.round(performance.now() - startedAt) },
  `newsgraph ready at http://localhost:${port}/graphql`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: draining in-flight requests');
  try {
    await server.stop(); // stops accepting, drains in-flight requests (drain plugin)
    await handle.close();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
