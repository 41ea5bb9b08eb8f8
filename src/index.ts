import { loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { explainDatabaseFault, openMigratedDatabase } from './db/startup.js';
import { createServer, type NewsgraphServer } from './server.js';
import { StartupError, startupFailureLine } from './startup-error.js';
import type { DatabaseHandle } from './db/client.js';
import { seedIfEmpty } from '../seeds/index.js';
import { refreshFanoutIfMissing } from './graphql/fanout.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(startupFailureLine(error));
  process.exit(1);
}
const logger = createLogger(config.logLevel);

// A stray rejection (e.g. a connection dropped between two awaits) is a bug to log, not a reason to go down.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

/** A read-only user meeting an empty database cannot seed it: say so in the operator's words. */
function explainSeedFault(error: unknown): never {
  const line = config.databaseUrl ? explainDatabaseFault(error, config.databaseUrl) : undefined;
  throw line ? new StartupError(line) : error;
}

let handle: DatabaseHandle | undefined;
let server: NewsgraphServer;
try {
  handle = await openMigratedDatabase({
    url: config.databaseUrl,
    pgliteDataDir: config.pgliteDataDir,
    poolMax: config.poolMax,
    connectionTimeoutMs: config.connectionTimeoutMs,
    statementTimeoutMs: config.statementTimeoutMs,
    onConnectionError: (err) => logger.warn({ err }, 'idle database connection lost; the pool will reconnect'),
    createMissing: true,
    onCreated: (database) => logger.info({ database }, 'database did not exist: created it'),
  });
  if (config.seedOnStart && (await seedIfEmpty(handle.db).catch(explainSeedFault))) logger.info('database was empty: seed dataset loaded');
  // Data loaded before the cost estimate measured its lists: measure them once (a read-only user cannot; defaults apply).
  await refreshFanoutIfMissing(handle.db).catch((err) => logger.warn({ err }, 'could not measure the list sizes for the cost estimate'));
  server = await createServer(handle, config, logger);
  const { httpServer } = server;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
} catch (error) {
  // One line an operator can act on; the details stay in the debug log.
  logger.debug({ err: error }, 'start-up failed');
  console.error(startupFailureLine(error));
  await handle?.close().catch(() => {});
  process.exit(1);
}
const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : config.port;
logger.info(
  { driver: handle.driver, port, startupMs: Math.round(performance.now()) /* since process start */ },
  `newsgraph ready at http://localhost:${port}/graphql`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const began = performance.now();
  // Armed first, before anything that could throw (a log write to a closed stdout, say): past
  // the grace period the orchestrator would kill us anyway; exit on our terms, and say so.
  // Not unref'd: if draining stalled with nothing else scheduled, Node would exit 0 silently.
  setTimeout(() => {
    try {
      logger.error({ graceMs: config.shutdownGraceMs }, 'grace period over with work still in flight: forcing exit');
    } finally {
      process.exit(1);
    }
  }, config.shutdownGraceMs);
  try {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining in-flight requests');
    await server.stop(); // stops accepting, drains in-flight requests (drain plugin), closes Redis
    await handle!.close();
    logger.info({ shutdownMs: Math.round(performance.now() - began) }, 'shut down cleanly');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
