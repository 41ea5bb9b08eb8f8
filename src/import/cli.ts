import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.js';
import { openMigratedDatabase } from '../db/startup.js';
import { startupFailureLine } from '../startup-error.js';
import {
  IMPORT_FORMATS,
  ImportBatchError,
  ImportFatalError,
  importFile,
  summaryLine,
  type ImportFormat,
  type ProgressListener,
} from './run.js';
import { pino } from 'pino';
import { createLiveHub } from '../live/hub.js';
import { importPublisher } from '../live/import-publisher.js';

const USAGE = 'usage: npm run import -- <file> [--format ucdp-ged|newsgraph] [--rejects <path>] [--dry-run]';

/** A bar with rows, rows/s and ETA on a terminal; a plain line every few seconds otherwise (logs, CI). */
function progressReporter(): { listener: ProgressListener; stop: () => void } {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    let begun = false;
    return {
      listener: (rows, bytes, total) => {
        if (!begun) bar.start(total, 0, { rows: 0, rate: 0 });
        begun = true;
        bar.update(bytes, { rows, rate: rate(rows) });
      },
      stop: () => begun && bar.stop(),
    };
  }
  let last = 0;
  return {
    listener: (rows, bytes, total) => {
      if (Date.now() - last < 5000 && bytes < total) return;
      last = Date.now();
      const percent = total > 0 ? Math.floor((bytes / total) * 100) : 100;
      process.stderr.write(`progress: ${rows} rows, ${rate(rows)} rows/s, ${percent}% of the file\n`);
    },
    stop: () => {},
  };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { format: { type: 'string' }, rejects: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 1;
  }
  const format = values.format;
  if (format !== undefined && !IMPORT_FORMATS.includes(format as ImportFormat)) {
    console.error(`unknown format "${format}": use ${IMPORT_FORMATS.join(' or ')}\n${USAGE}`);
    return 1;
  }
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('stopping after the batch in flight (committed batches are kept; run again to finish)\n');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const config = loadConfig();
  let handle;
  try {
    handle = await openMigratedDatabase({ url: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, createMissing: true });
  } catch (error) {
    console.error(startupFailureLine(error));
    return 1;
  }
  const progress = progressReporter();
  // With Redis, the running servers' subscribers see the imported records and the progress; without it no server can hear.
  const live = config.redisUrl
    ? await createLiveHub({
        redisUrl: config.redisUrl,
        keyPrefix: config.redisKeyPrefix,
        logger: pino({ level: 'warn' }, pino.destination(2)),
        listen: false,
      })
    : undefined;
  const publish = live && !values['dry-run'] ? importPublisher(live) : undefined;
  try {
    const summary = await importFile(handle.db, {
      file: positionals[0]!,
      format: format as ImportFormat | undefined,
      rejectsPath: values.rejects,
      dryRun: values['dry-run'],
      onProgress: (...args) => {
        progress.listener(...args);
        publish?.onProgress(...args);
      },
      onBatchCommitted: publish?.onBatchCommitted,
      shouldStop: () => stopping,
    });
    progress.stop();
    if (summary.widened > 0)
      console.log(`${summary.widened} rows had best outside low..high: stored as reported, interval widened to contain best, marked`);
    if (summary.rejectsPath) console.log(`rejected rows written to ${summary.rejectsPath}`);
    if (values['dry-run']) console.log('dry run: nothing was written');
    if (stopping) console.log('interrupted: the counts cover the committed batches; run the same command again to finish');
    console.log(summaryLine(summary));
    return stopping ? 130 : summary.rejected > 0 ? 2 : 0;
  } catch (error) {
    progress.stop();
    if (error instanceof ImportFatalError) {
      console.error(`import failed (${error.code}): ${error.message}`);
      return 1;
    }
    if (error instanceof ImportBatchError) {
      const kept = error.dryRun ? 'nothing was written' : `the rows before line ${error.firstLine} are committed: rerun to finish`;
      console.error(`import failed: ${error.message}; ${kept}`);
      return 1;
    }
    console.error(`import failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await live?.close();
    await handle.close();
  }
}

process.exitCode = await main();
