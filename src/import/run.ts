import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { refreshFanout } from '../graphql/fanout.js';
import { ImportBatchError, ImportFatalError, type FormatDriver, type RejectedRow, type WrittenIds } from './driver.js';
import { newsgraphDriver } from './newsgraph/driver.js';

export { ImportBatchError, ImportFatalError, type WrittenIds } from './driver.js';

export type ImportFormat = 'ucdp-ged' | 'newsgraph';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ucdp-ged', 'newsgraph'];

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
  /** Where rejected rows go; default `<file>.rejects.ndjson`; null writes no file (the seed, which must have no rejects). */
  rejectsPath?: string | null | undefined;
  /** Read, check and classify every row, write nothing (not even the rejects file). */
  dryRun?: boolean | undefined;
  batchSize?: number | undefined;
  onProgress?: ProgressListener | undefined;
  /** Called after each batch has committed, with the ids it wrote (live updates publish them). */
  onBatchCommitted?: ((written: WrittenIds) => void) | undefined;
  /** Checked between batches: true stops the run after the batch in flight has committed. */
  shouldStop?: (() => boolean) | undefined;
  /** Told every rejected row, in line order, as its batch completes. */
  onReject?: ((entry: RejectEntry) => void) | undefined;
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
  write(entry: RejectEntry): void {
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

/** How a rejected row is written to the rejects file and told to `onReject`. */
export interface RejectEntry {
  line: number;
  /** The first problem's place: a CSV column, or a JSON path for NDJSON; null for the row as a whole. */
  column: string | null;
  reason: string;
  problems: { column: string | null; reason: string }[];
  raw: string;
}

const rejectEntry = ({ line, raw, problems }: RejectedRow): RejectEntry => ({
  line,
  column: problems[0]?.column ?? null,
  reason: problems.map((p) => (p.column ? `${p.column}: ${p.reason}` : p.reason)).join('; '),
  problems: problems.map(({ column, reason }) => ({ column, reason })),
  raw,
});

/**
 * Imports one file: streams it, checks every row, and writes good rows in batches of one
 * transaction each, so an interrupted run keeps every committed batch and a rerun finds them
 * unchanged. Throws ImportFatalError (nothing written) when the file cannot be imported at all.
 */
export async function importFile(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const format = options.format ?? (await detectFormat(options.file));
  if (format === 'newsgraph') return runImport(db, options, format, newsgraphDriver());
  // Loaded on demand: the server seeds through this module and never reads CSV.
  const { gedDriver } = await import('./ucdp-ged/driver.js');
  return runImport(db, options, format, gedDriver(options.file));
}

/** The loop both formats share: progress, rejects, batches in transactions, interruption, summary, bookkeeping. */
async function runImport<Row>(
  db: Database,
  options: ImportOptions,
  format: ImportFormat,
  driver: FormatDriver<Row>,
): Promise<ImportSummary> {
  const { file, dryRun = false, batchSize = 1000, onProgress, onBatchCommitted, shouldStop, onReject } = options;
  const totalBytes = await stat(file).then(
    (s) => s.size,
    (error: Error) => {
      throw new ImportFatalError('UNREADABLE', `cannot read ${file}: ${error.message}`);
    },
  );
  const rejectsPath = dryRun || options.rejectsPath === null ? null : (options.rejectsPath ?? `${file}.rejects.ndjson`);
  const rejects = new RejectsFile(rejectsPath);
  const summary: ImportSummary = { format, imported: 0, updated: 0, unchanged: 0, rejected: 0, widened: 0, rows: 0, rejectsPath: null };
  const input = createReadStream(file);
  let bytesRead = 0;
  input.on('data', (chunk) => (bytesRead += chunk.length));
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(new ImportFatalError('UNREADABLE', `cannot read ${file}: ${error.message}`)));
  });

  let batch: Row[] = [];
  let firstLine = 0;
  let lastLine = 0;
  // Rejects wait for their batch, so the file lists them in line order with those only the database could judge.
  let pending: RejectedRow[] = [];
  const report = (rows: RejectedRow[]) => {
    for (const row of rows.sort((a, b) => a.line - b.line)) {
      const entry = rejectEntry(row);
      rejects.write(entry);
      onReject?.(entry);
    }
  };
  const commit = async (rows: Row[], lines: [number, number], readRejects: RejectedRow[]) => {
    if (rows.length > 0) {
      const outcome = await (
        dryRun ? driver.classify(db, rows) : db.transaction((tx) => driver.write(tx as unknown as Database, rows))
      ).catch((error: unknown) => {
        throw new ImportBatchError(lines[0], lines[1], error, dryRun);
      });
      summary.imported += outcome.imported;
      summary.updated += outcome.updated;
      summary.unchanged += outcome.unchanged;
      summary.rejected += outcome.rejects.length;
      readRejects.push(...outcome.rejects);
      if (!dryRun && outcome.written) onBatchCommitted?.(outcome.written);
    }
    report(readRejects);
  };
  // One batch is written while the next is read and checked, when the format allows it (the
  // reading does not depend on what the writing learns): the file's parsing and the database's
  // work overlap, and batches still commit one at a time, in order.
  const overlap = driver.overlapsReading && !dryRun;
  let inFlight: Promise<void> | null = null;
  const settle = async () => {
    const writing = inFlight;
    inFlight = null;
    await writing;
  };
  const flush = async () => {
    await settle();
    // Interrupted while the batch before was written: this one stays unwritten (a rerun reads it again).
    if (shouldStop?.()) return;
    const work = commit(batch, [firstLine, lastLine], pending);
    batch = [];
    pending = [];
    firstLine = 0;
    if (!overlap) return work;
    inFlight = work;
    work.catch(() => {}); // awaited by the next flush or at the end; not an unhandled rejection meanwhile
  };
  const status = (finished: boolean): ImportStatus => ({ rejected: summary.rejected, datasetId: driver.datasetId(), finished });

  try {
    for await (const item of driver.read(input)) {
      summary.rows += 1;
      if (item.kind === 'reject') {
        summary.rejected += 1;
        pending.push(item);
      } else {
        if (driver.widened(item.row)) summary.widened += 1;
        batch.push(item.row);
        firstLine ||= item.line;
        lastLine = item.line;
        if (batch.length >= batchSize) {
          await flush();
          if (shouldStop?.()) break;
        }
      }
      if (onProgress && summary.rows % 1000 === 0) onProgress(summary.rows, bytesRead, totalBytes, status(false));
    }
    if (shouldStop?.()) {
      await settle();
      report(pending);
    } else {
      await flush();
      await settle();
    }
  } finally {
    // A batch in flight when reading failed still commits (or fails) before the run ends.
    await settle().catch(() => {});
    input.destroy();
    summary.rejectsPath = (await rejects.close()) ? rejectsPath : null;
  }
  onProgress?.(summary.rows, totalBytes, totalBytes, status(true));

  const datasetId = driver.datasetId();
  if (!dryRun && datasetId !== null) {
    await db.execute(sql`
      UPDATE datasets SET imported_at = now(), last_imported = ${summary.imported}, last_updated = ${summary.updated},
        last_unchanged = ${summary.unchanged}, last_rejected = ${summary.rejected}, last_widened = ${summary.widened}
      WHERE id = ${datasetId}`);
    // The cost estimate reads how many items nested lists hold: measure again after a bulk load.
    await refreshFanout(db);
  }
  return summary;
}
