import type { Readable } from 'node:stream';
import type { Database } from '../db/client.js';

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

/** The deepest cause's message (the database's own words, not the failed statement and its parameters). */
function rootMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code;
    message = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? `${at.message} (SQLSTATE ${code})` : at.message;
  }
  return message;
}

/**
 * A batch could not be written (the database failed or refused it as a whole). The batches
 * before it are committed, so a rerun of the same file finds them unchanged and carries on.
 */
export class ImportBatchError extends Error {
  constructor(
    readonly firstLine: number,
    readonly lastLine: number,
    cause: unknown,
    /** A dry run only checks the batch against the database; nothing was written before it either. */
    readonly dryRun = false,
  ) {
    const done = dryRun ? 'checked' : 'written';
    super(`the rows of lines ${firstLine}-${lastLine} could not be ${done}: ${rootMessage(cause)}`, { cause });
    this.name = 'ImportBatchError';
  }
}

/** One thing wrong with a row: where (a CSV column, or a JSON path such as `/event/casualties/0/figure/low`) and why. */
export interface Problem {
  column: string | null;
  reason: string;
}

/** A row or line that is not imported, with the line where it starts and its text as in the file. */
export interface RejectedRow {
  line: number;
  raw: string;
  problems: Problem[];
}

export type ReadItem<Row> = { kind: 'row'; line: number; row: Row } | ({ kind: 'reject' } & RejectedRow);

/** Row ids a committed batch wrote, for live updates to publish (an updated GED event is written again under a new id). */
export interface WrittenIds {
  createdEvents: number[];
  updatedEvents: number[];
  casualties: number[];
}

/** What one batch did; `rejects` are rows only the database could judge (unknown references, keys of another dataset). */
export interface BatchOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  rejects: RejectedRow[];
  /** Set by `write` (a dry run writes nothing). */
  written?: WrittenIds;
}

/**
 * What a format brings to the shared import loop (src/import/run.ts): reading and checking its
 * rows one at a time, and writing a batch of good rows in the caller's transaction. Progress,
 * rejects, batching, interruption, the summary and the dataset's bookkeeping are the loop's.
 */
export interface FormatDriver<Row> {
  /** Streams the file's rows in order; throws ImportFatalError when the file as a whole is wrong. */
  read(input: Readable): AsyncIterable<ReadItem<Row>>;
  /** True for a row stored with its interval widened to contain best (counted in the summary). */
  widened(row: Row): boolean;
  /** Sorts a batch into new, changed and unchanged rows against what is stored, writing nothing (--dry-run). */
  classify(db: Database, batch: Row[]): Promise<BatchOutcome>;
  /** Writes a batch inside the caller's transaction. */
  write(tx: Database, batch: Row[]): Promise<BatchOutcome>;
  /** The dataset written into, once a batch has been; null before. */
  datasetId(): number | null;
  /** True when reading never depends on what writing learns, so the next batch may be read while one is written. */
  overlapsReading?: boolean;
}
