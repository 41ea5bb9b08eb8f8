import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { refreshFanout } from '../graphql/fanout.js';
import { GedFatalError, readGedStream } from './ucdp-ged/read.js';
import { GED_DATASET, gedVersionOf, mapGedEvent, type MappedGedEvent } from './ucdp-ged/map.js';
import { classifyBatch, writeGedBatch, type WriterState, type WrittenIds } from './ucdp-ged/write.js';

export type ImportFormat = 'ucdp-ged' | 'newsgraph';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ucdp-ged', 'newsgraph'];

/** The file as a whole cannot be imported (exit code 1); nothing of it was written. */
export class ImportFatalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFatalError';
  }
}

export interface ImportSummary {
  format: ImportFormat;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Valid rows whose best estimate lay outside their low..high (stored widened and marked). */
  widened: number;
  rows: number;
  rejectsPath: string | null;
}

/** Told as the run goes: rows read so far and bytes of the file read (for an ETA); rejected rows, the dataset, whether done. */
export type ProgressListener = (rows: number, bytesRead: number, totalBytes: number, status: ImportStatus) => void;
export interface ImportStatus {
  rejected: number;
  datasetId: number | null;
  finished: boolean;
}

export interface ImportOptions {
  file: string;
  format?: ImportFormat | undefined;
  /** Where rejected rows go; default `<file>.rejects.ndjson`. */
  rejectsPath?: string | undefined;
  /** Read, check and classify every row, write nothing (not even the rejects file). */
  dryRun?: boolean | undefined;
  batchSize?: number | undefined;
  onProgress?: ProgressListener | undefined;
  /** Called after each batch has committed, with the ids it wrote (live updates publish them). */
  onBatchCommitted?: ((written: WrittenIds) => void) | undefined;
  /** Checked between batches: true stops the run after the batch in flight has committed. */
  shouldStop?: (() => boolean) | undefined;
}

/** The one summary line the command ends with. */
export const summaryLine = (s: Pick<ImportSummary, 'imported' | 'updated' | 'unchanged' | 'rejected'>): string =>
  `imported ${s.imported}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`;

/** Detects the format from the file's first bytes: NDJSON objects are ours, a GED header GED's. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  let head: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ImportFatalError('UNREADABLE', `cannot read ${file}: ${(error as Error).message}`);
  }
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw new ImportFatalError('EMPTY_FILE', `${file} is empty: nothing to import`);
  if (text.startsWith('{')) return 'newsgraph';
  const firstLine = text.split(/\r?\n/, 1)[0]!;
  const columns = new Set(firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
  if (columns.has('relid') || columns.has('type_of_violence') || columns.has('side_a_new_id')) return 'ucdp-ged';
  throw new ImportFatalError(
    'UNKNOWN_FORMAT',
    `cannot tell the format of ${file}: neither a UCDP GED CSV header nor NDJSON; name it with --format ucdp-ged|newsgraph`,
  );
}

/** Writes rejected rows as NDJSON, creating the file only when there is something to write. */
class RejectsFile {
  private stream: WriteStream | null = null;
  constructor(readonly path: string | null) {}
  write(entry: { line: number; column: string | null; reason: string; problems: unknown[]; raw: string }): void {
    if (this.path === null) return;
    this.stream ??= createWriteStream(this.path, { flags: 'w' });
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }
  async close(): Promise<boolean> {
    if (!this.stream) return false;
    const stream = this.stream;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return true;
  }
}

async function upsertGedDataset(db: Database, file: string): Promise<number> {
  const version = gedVersionOf(basename(file));
  const { key, name, licence, citation, url } = GED_DATASET;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO datasets (key, name, version, licence, citation, url)
        VALUES (${key}, ${name}, ${version}, ${licence}, ${citation}, ${url})
        ON CONFLICT (key) DO UPDATE SET version = coalesce(excluded.version, datasets.version)
        RETURNING id`,
  );
  return row!.id;
}

async function existingDatasetId(db: Database, key: string): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(db, sql`SELECT id FROM datasets WHERE key = ${key}`);
  return row?.id ?? null;
}

/**
 * Imports one file: streams it, checks every row, and writes good rows in batches of one
 * transaction each, so an interrupted run keeps every committed batch and a rerun finds them
 * unchanged. Throws ImportFatalError (nothing written) when the file cannot be imported at all.
 */
export async function importFile(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const format = options.format ?? (await detectFormat(options.file));
  if (format === 'newsgraph') {
    throw new ImportFatalError('UNSUPPORTED_FORMAT', `${options.file}: the newsgraph NDJSON format is not importable yet`);
  }
  return importGedFile(db, options);
}

async function importGedFile(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const { file, dryRun = false, batchSize = 1000, onProgress, shouldStop } = options;
  const totalBytes = await stat(file).then(
    (s) => s.size,
    (error: Error) => {
      throw new ImportFatalError('UNREADABLE', `cannot read ${file}: ${error.message}`);
    },
  );
  const rejectsPath = dryRun ? null : (options.rejectsPath ?? `${file}.rejects.ndjson`);
  const rejects = new RejectsFile(rejectsPath);
  const summary: ImportSummary = {
    format: 'ucdp-ged',
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    widened: 0,
    rows: 0,
    rejectsPath: null,
  };
  const input = createReadStream(file);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(new ImportFatalError('UNREADABLE', `cannot read ${file}: ${error.message}`)));
  });
  await opened;

  let state: WriterState | null = null;
  let batch: MappedGedEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    if (dryRun) {
      const { fresh, changed, unchanged } = await classifyBatch(db, await existingDatasetId(db, GED_DATASET.key), rows);
      summary.imported += fresh.length;
      summary.updated += changed.length;
      summary.unchanged += unchanged;
      return;
    }
    const outcome = await db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      state ??= { datasetId: await upsertGedDataset(txDb, file), countries: new Set(), actors: new Map() };
      return writeGedBatch(txDb, state, rows);
    });
    summary.imported += outcome.imported;
    summary.updated += outcome.updated;
    summary.unchanged += outcome.unchanged;
    options.onBatchCommitted?.(outcome.written);
  };
  const status = (finished: boolean) => ({ rejected: summary.rejected, datasetId: state?.datasetId ?? null, finished });

  try {
    for await (const item of readGedStream(input)) {
      summary.rows += 1;
      if (item.kind === 'reject') {
        summary.rejected += 1;
        const first = item.rejects[0]!;
        rejects.write({
          line: item.line,
          column: first.column,
          reason: item.rejects.map((r) => (r.column ? `${r.column}: ${r.reason}` : r.reason)).join('; '),
          problems: item.rejects.map(({ column, reason }) => ({ column, reason })),
          raw: item.raw,
        });
      } else {
        const mapped = mapGedEvent(item.event);
        if (mapped.casualty.bestOutsideInterval) summary.widened += 1;
        batch.push(mapped);
        if (batch.length >= batchSize) {
          await flush();
          if (shouldStop?.()) break;
        }
      }
      if (onProgress && summary.rows % 1000 === 0) onProgress(summary.rows, bytesRead, totalBytes, status(false));
    }
    if (!shouldStop?.()) await flush();
  } catch (error) {
    if (error instanceof GedFatalError) throw new ImportFatalError(error.code, error.message);
    throw error;
  } finally {
    input.destroy();
    summary.rejectsPath = (await rejects.close()) ? rejectsPath : null;
  }
  onProgress?.(summary.rows, totalBytes, totalBytes, status(true));

  if (!dryRun && state !== null) {
    await db.execute(sql`
      UPDATE datasets SET imported_at = now(), last_imported = ${summary.imported}, last_updated = ${summary.updated},
        last_unchanged = ${summary.unchanged}, last_rejected = ${summary.rejected}, last_widened = ${summary.widened}
      WHERE id = ${(state as WriterState).datasetId}`);
    // The cost estimate reads how many items nested lists hold: measure again after a bulk load.
    await refreshFanout(db);
  }
  return summary;
}
