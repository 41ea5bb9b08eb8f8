import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validate as generatedValidator } from '../../../schemas/newsgraph-import.validate.js';
import { ImportFatalError, type Problem } from '../driver.js';
import { acceptLine, analyseLine, type FileKeys, type KeyUse, type PassageUse } from './check.js';
import { MAX_LINE_BYTES, readLines } from './lines.js';
import type { DatasetLine, LineKind, RecordLine } from './types.js';

/** A line that passed every check the file alone allows; the database judges its references and keys. */
export interface NewsgraphRow {
  line: number;
  raw: string;
  record: RecordLine;
  /** Hash of the line's content (key order and null-or-absent do not count), stored to tell unchanged from updated. */
  hash: string;
  defines: KeyUse[];
  refs: KeyUse[];
  passages: PassageUse[];
}

export type NewsgraphReadItem =
  | { kind: 'dataset'; line: number; dataset: DatasetLine }
  | { kind: 'row'; row: NewsgraphRow }
  | { kind: 'reject'; line: number; raw: string; problems: Problem[] };

/**
 * schemas/newsgraph-import.schema.json, compiled by Ajv ahead of time (`npm run schema:import`):
 * loading Ajv and compiling the schema on every start would cost about half a second.
 */
export const lineValidator = generatedValidator as ValidateFunction;

const KINDS: LineKind[] = ['dataset', 'country', 'source', 'actor', 'location', 'event', 'deployment', 'quote'];
const PATTERNS: Record<string, string> = {
  '^[A-Za-z0-9][A-Za-z0-9._-]*$': "must be a key: letters, digits, '.', '_' or '-', starting with a letter or digit",
  '^\\S+$': 'must be a key without spaces',
  '^[A-Z]{2}$': 'must be an ISO 3166-1 alpha-2 country code (two capital letters)',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'must be a date YYYY-MM-DD',
};

/** Ajv's errors in a reader's words, each at the JSON path of the value at fault. */
export function schemaProblems(errors: ErrorObject[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (column: string, reason: string) => {
    if (seen.has(`${column} ${reason}`)) return;
    seen.add(`${column} ${reason}`);
    problems.push({ column, reason });
  };
  for (const error of errors) {
    const base = error.instancePath;
    // The line as a whole is `/` (a JSON pointer would say ``, which reads as nothing).
    const at = base || '/';
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        add(`${base}/${String(params.missingProperty)}`, 'required');
        break;
      case 'additionalProperties':
        if (base === '') add(`/${String(params.additionalProperty)}`, `not a kind of line: a line is one of ${KINDS.join(', ')}`);
        else add(`${base}/${String(params.additionalProperty)}`, 'not a field here');
        break;
      case 'minProperties':
      case 'maxProperties':
        add(at, `a line is one object with exactly one member naming its kind (${KINDS.join(', ')})`);
        break;
      case 'enum':
        add(at, `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
        break;
      case 'type':
        add(at, `must be ${String(params.type).replace(',', ' or ')}`);
        break;
      case 'pattern':
        add(at, PATTERNS[String(params.pattern)] ?? error.message ?? 'does not match its pattern');
        break;
      case 'minLength':
        add(at, params.limit === 1 ? 'must not be empty' : (error.message ?? 'too short'));
        break;
      default:
        add(at, error.message ?? error.keyword);
    }
  }
  return problems;
}

/** JSON with sorted keys and null, absent and empty lists alike, so equal content hashes equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    );
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const contentHash = (value: unknown): string =>
  createHash('sha1').update('newsgraph/1\u0000').update(canonical(value)).digest('base64');

/** Why JSON.parse failed, without the line itself (the reject keeps it in `raw`). */
const jsonReason = (error: unknown, terminated: boolean) => {
  const message = (error as Error).message.replace(/^(Unexpected .*?) in JSON/, '$1').split('\n')[0]!;
  return terminated ? `not valid JSON: ${message}` : `not valid JSON (the file ends in the middle of this line): ${message}`;
};

/**
 * Reads a newsgraph NDJSON file line by line (bounded memory): the dataset line first, then
 * each record line checked against the JSON Schema and the rules it cannot express. Yields the
 * dataset, accepted rows and rejects in file order. Throws ImportFatalError when the file has
 * no dataset line first, or is not NDJSON at all. Blank lines are skipped; a UTF-8 BOM and CRLF
 * line ends are accepted; a truncated last line is a reject.
 */
export async function* readNewsgraphStream(input: Readable, keys: FileKeys): AsyncGenerator<NewsgraphReadItem> {
  const validate = lineValidator;
  let dataset: DatasetLine | null = null;
  // The first line that is not blank: where the dataset line stands.
  let datasetLine = 0;
  for await (const physical of readLines(input)) {
    const { line, text, terminated } = physical;
    if (text.trim() === '') continue;
    const reject = (problems: Problem[]): NewsgraphReadItem => ({ kind: 'reject', line, raw: text, problems });
    let problems: Problem[] | null = null;
    let value: unknown;
    if (physical.oversize) problems = [{ column: null, reason: `line longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB` }];
    else if (physical.invalidUtf8) problems = [{ column: null, reason: 'not valid UTF-8' }];
    else {
      try {
        value = JSON.parse(text);
      } catch (error) {
        problems = [{ column: null, reason: jsonReason(error, terminated) }];
      }
    }

    if (dataset === null) {
      datasetLine = line;
      dataset = datasetOf(validate, line, value, problems);
      yield { kind: 'dataset', line, dataset };
      continue;
    }
    if (problems) {
      yield reject(problems);
      continue;
    }
    if (!validate(value)) {
      keys.reject(mainKeyOf(value), line);
      yield reject(schemaProblems(validate.errors ?? []));
      continue;
    }
    const [kind, body] = Object.entries(value as Record<string, unknown>)[0]!;
    if (kind === 'dataset') {
      yield reject([{ column: '/dataset', reason: `the dataset line comes once, first (it is line ${datasetLine})` }]);
      continue;
    }
    const record = { kind, value: body } as RecordLine;
    const analysis = analyseLine(record, line, keys);
    if (analysis.problems.length > 0) {
      keys.reject(analysis.defines, line);
      yield reject(analysis.problems);
      continue;
    }
    acceptLine(record, analysis, line, keys);
    yield {
      kind: 'row',
      row: {
        line,
        raw: text,
        record,
        hash: contentHash(value),
        defines: analysis.defines,
        refs: analysis.refs,
        passages: analysis.passages,
      },
    };
  }
  if (dataset === null) throw new ImportFatalError('EMPTY_FILE', 'the file is empty: nothing to import');
}

/** The key a line the schema refused meant to define, if it can be told: so a line referring to it hears why it is unknown. */
function mainKeyOf(value: unknown): KeyUse[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return [];
  const [kind, body] = entries[0]!;
  const key = (body as { key?: unknown; code?: unknown } | null)?.[kind === 'country' ? 'code' : 'key'];
  const kinds: string[] = ['country', 'source', 'actor', 'location', 'event', 'deployment', 'quote'];
  return typeof key === 'string' && kinds.includes(kind) ? [{ kind: kind as KeyUse['kind'], key, path: `/${kind}/key` }] : [];
}

/** The first line must be the dataset: anything else is fatal for the file as a whole. */
function datasetOf(validate: ValidateFunction, line: number, value: unknown, problems: Problem[] | null): DatasetLine {
  const fatal = (code: string, why: string) =>
    new ImportFatalError(code, `line ${line} must be the dataset line, {"dataset": {"key": …, "name": …}}: ${why}`);
  if (problems) throw fatal('NOT_NEWSGRAPH_NDJSON', problems[0]!.reason);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fatal('NOT_NEWSGRAPH_NDJSON', 'not a JSON object');
  if (!('dataset' in value)) {
    throw fatal(
      'DATASET_MISSING',
      `it holds ${
        Object.keys(value)
          .map((k) => `"${k}"`)
          .join(', ') || 'nothing'
      }`,
    );
  }
  if (!validate(value)) {
    throw fatal(
      'DATASET_INVALID',
      schemaProblems(validate.errors ?? [])
        .map((p) => `${p.column}: ${p.reason}`)
        .join('; '),
    );
  }
  return (value as { dataset: DatasetLine }).dataset;
}
