import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { GED_COLUMNS, parseGedRow, type GedColumn, type GedEvent, type GedReject } from './row.js';

export type GedFatalCode = 'UNREADABLE' | 'EMPTY_FILE' | 'NOT_GED_CSV' | 'HEADER_MISMATCH' | 'CSV_ERROR';

/** The file as a whole cannot be imported; nothing of it should be written. */
export class GedFatalError extends Error {
  constructor(
    readonly code: GedFatalCode,
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'GedFatalError';
  }
}

export type GedReadItem =
  { kind: 'event'; line: number; event: GedEvent } | { kind: 'reject'; line: number; rejects: GedReject[]; raw: string };

/** Longest row accepted; the sample's longest is ~4 KB. Bounds memory when a quote is never closed. */
const MAX_RECORD_CHARS = 256 * 1024;
// csv-parse's `raw` omits the last character of a two-character delimiter (CRLF), so count any break.
const LINE_BREAK = /\r\n|\r|\n/g;

const countBreaks = (text: string): number => text.match(LINE_BREAK)?.length ?? 0;
const withoutTerminator = (raw: string): string => raw.replace(/(?:\r\n|\r|\n)$/, '');

/** Streams a GED CSV file: see readGedStream. */
export async function* readGedFile(path: string): AsyncGenerator<GedReadItem> {
  const input = createReadStream(path);
  // Open errors (missing file, a directory) surface here rather than as a CSV error.
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error) => reject(new GedFatalError('UNREADABLE', `cannot read ${path}: ${error.message}`)));
  });
  yield* readGedStream(input);
}

/**
 * Parses GED CSV from a byte stream, one row at a time (memory stays bounded): yields each row as
 * an event or as its rejects, in file order, with the physical line where the row starts (the
 * header is line 1; rows with quoted newlines span several lines). Throws GedFatalError for an
 * empty file, a file that is not GED CSV or a header with missing or unexpected columns.
 * Accepts a UTF-8 BOM and LF or CRLF line endings; a truncated last row is a reject.
 */
export async function* readGedStream(input: Readable): AsyncGenerator<GedReadItem> {
  let breaksSoFar = 0;
  // Rows csv-parse cannot parse are reported through on_skip, ahead of the records it buffered.
  const skipped: Array<{ line: number; error: CsvError; raw: string }> = [];
  const options: Options = {
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    // With `raw`, csv-parse hands on_record { record, raw }; it runs in file order, so lines are counted here.
    on_record: (value: unknown): string[] => {
      const { record, raw } = value as { record: string[]; raw: string };
      const line = breaksSoFar + 1;
      breaksSoFar += countBreaks(raw);
      // The typings want the record type back; the iterator below reads this shape.
      return { line, record, raw } as unknown as string[];
    },
    on_skip: (error, raw) => {
      const line = breaksSoFar + 1;
      breaksSoFar += countBreaks(raw ?? '');
      if (error) skipped.push({ line, error, raw: raw ?? '' });
      return undefined;
    },
  };
  const parser = parse(options);
  let readError: Error | null = null;
  input.on('error', (error) => {
    readError = error;
    parser.destroy(error);
  });
  input.pipe(parser);

  let columns: GedColumn[] | null = null;
  const skippedBefore = function* (line: number): Generator<GedReadItem> {
    while (skipped.length > 0 && skipped[0]!.line < line) {
      const { line: at, error, raw } = skipped.shift()!;
      if (columns === null) {
        throw new GedFatalError('NOT_GED_CSV', `not a UCDP GED CSV file: line ${at} is not valid CSV (${error.message})`, at);
      }
      yield { kind: 'reject', line: at, raw: withoutTerminator(raw), rejects: [{ line: at, column: null, reason: csvReason(error) }] };
    }
  };

  try {
    for await (const item of parser as AsyncIterable<{ line: number; record: string[]; raw: string }>) {
      yield* skippedBefore(item.line);
      const { line, record, raw } = item;
      // Blank lines (also a lone CR left by mixed line endings) carry no row.
      if (record.every((field) => field.trim() === '')) continue;
      if (columns === null) {
        columns = checkHeader(record, raw, line);
        continue;
      }
      if (record.length !== columns.length) {
        const truncated = !/[\r\n]$/.test(raw) ? '; the file ends in the middle of this row' : '';
        const reason = `row has ${record.length} fields, the header ${columns.length}${truncated}`;
        yield { kind: 'reject', line, raw: withoutTerminator(raw), rejects: [{ line, column: null, reason }] };
        continue;
      }
      const named = {} as Record<GedColumn, string>;
      columns.forEach((column, i) => (named[column] = record[i]!));
      const parsed = parseGedRow(named, line);
      yield parsed.ok
        ? { kind: 'event', line, event: parsed.event }
        : { kind: 'reject', line, raw: withoutTerminator(raw), rejects: parsed.rejects };
    }
  } catch (error) {
    if (error instanceof GedFatalError) throw error;
    if (readError !== null) throw new GedFatalError('UNREADABLE', `cannot read the file: ${(readError as Error).message}`);
    const message = error instanceof Error ? error.message : String(error);
    throw new GedFatalError(columns === null ? 'NOT_GED_CSV' : 'CSV_ERROR', `cannot parse the file as CSV: ${message}`, breaksSoFar + 1);
  } finally {
    // Stop reading when the consumer stops early or a fatal error ends the generator.
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
  }
  yield* skippedBefore(Number.POSITIVE_INFINITY);
  if (columns === null) throw new GedFatalError('EMPTY_FILE', 'the file is empty: expected a GED CSV header and rows');
}

function csvReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (truncated row?)';
    case 'CSV_MAX_RECORD_SIZE':
      return `row longer than ${MAX_RECORD_CHARS} characters`;
    default:
      return `not valid CSV: ${error.message}`;
  }
}

/** Maps header positions to GED columns, or throws one fatal error naming every missing or unexpected column. */
function checkHeader(record: string[], raw: string, line: number): GedColumn[] {
  const names = record.map((name) => name.trim());
  const known = new Set<string>(GED_COLUMNS);
  if (/^\s*[[{]/.test(raw)) {
    throw new GedFatalError('NOT_GED_CSV', 'not a UCDP GED CSV file: it starts like JSON (for NDJSON use --format newsgraph)', line);
  }
  // Control characters or invalid UTF-8 in the first line: a zip, gzip or other binary file.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what marks a binary file
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(raw)) {
    throw new GedFatalError('NOT_GED_CSV', 'not a UCDP GED CSV file: it looks binary (a .zip or .gz? unpack it first)', line);
  }
  if (!names.some((name) => known.has(name))) {
    const shown = names
      .slice(0, 5)
      .map((n) => JSON.stringify(n.slice(0, 40)))
      .join(', ');
    throw new GedFatalError('NOT_GED_CSV', `not a UCDP GED CSV file: the first line has none of GED's columns (it starts ${shown})`, line);
  }
  const seen = new Set<string>();
  const unexpected: string[] = [];
  const duplicated: string[] = [];
  for (const name of names) {
    if (!known.has(name)) unexpected.push(name);
    else if (seen.has(name)) duplicated.push(name);
    seen.add(name);
  }
  const missing = GED_COLUMNS.filter((column) => !seen.has(column));
  if (missing.length > 0 || unexpected.length > 0 || duplicated.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      unexpected.length > 0 ? `unexpected ${unexpected.map((n) => JSON.stringify(n)).join(', ')}` : '',
      duplicated.length > 0 ? `duplicated ${duplicated.join(', ')}` : '',
    ].filter(Boolean);
    throw new GedFatalError('HEADER_MISMATCH', `the header does not match GED's ${GED_COLUMNS.length} columns: ${parts.join('; ')}`, line);
  }
  return names as GedColumn[];
}
