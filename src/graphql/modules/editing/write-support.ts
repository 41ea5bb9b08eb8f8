import { validate, type ValidationError } from 'class-validator';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../../db/client.js';
import { fromGlobalId, type NodeTypeName } from '../../common/global-id.js';
import type { Context } from '../../context.js';
import { passageOccursIn } from '../../../write/passage.js';
import { runWrite, type Outcome } from '../../../write/transaction.js';
import type { ChangedEntity, ChangeKindOf } from '../../../live/hub.js';
import { userError, UserErrorCode, type UserErrorValue } from '../../../write/user-error.js';
import type { CitationInput, FigureInput, FuzzyDateInput } from './inputs.js';

/** A decoded ID of the expected type, or the userError that says why it is not one. */
export function idOf(type: NodeTypeName, id: string, field: string[]): number | UserErrorValue {
  try {
    const decoded = fromGlobalId(id);
    if (decoded.type === type) return decoded.rowId;
    return userError(
      field,
      UserErrorCode.NOT_FOUND,
      `Expected ${article(type)} ${type} ID, got ${article(decoded.type)} ${decoded.type} ID.`,
    );
  } catch {
    return userError(field, UserErrorCode.NOT_FOUND, `"${id}" is not a newsgraph ID.`);
  }
}

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

/** What puts a row out of use for new writes: a retraction, or (actors) a merge into another. */
interface OutOfUse {
  test: SQL;
  code: UserErrorCode;
  /** Completes "This <what> …". */
  why: string;
}
const retracted: OutOfUse = { test: sql`retracted_at IS NOT NULL`, code: UserErrorCode.RETRACTED, why: 'is retracted' };
const outOfUse: Record<string, OutOfUse> = {
  events: retracted,
  casualties: retracted,
  deployments: retracted,
  quotes: retracted,
  reactions: retracted,
  actors: {
    test: sql`merged_into_id IS NOT NULL`,
    code: UserErrorCode.MERGED,
    why: 'was merged into another actor; look its ID up and use the survivor’s',
  },
};

/** Whether the row exists and, if so, whether it is out of use (retracted or merged). */
async function rowState(tx: Database, table: string, id: number, lock = false): Promise<{ revision: number; gone: boolean } | undefined> {
  const [row] = await queryRows<{ revision: number; gone: boolean }>(
    tx,
    sql`SELECT ${table in outOfUse ? sql`revision` : sql`NULL`} AS revision, ${outOfUse[table]?.test ?? sql`false`} AS gone
        FROM ${sql.identifier(table)} WHERE id = ${id}${lock ? sql` FOR UPDATE` : sql``}`,
  );
  return row;
}

/** A record a mutation changes, and the revision the client read of it. */
export interface Revisable {
  /** Its table, e.g. `casualties`. */
  table: string;
  id: number;
  /** What to call it in messages: `casualty record`. */
  what: string;
  /** The path of its ID in the input. */
  field: string[];
  expectedRevision: number;
  /** The code for a record that is retracted (or merged) already; RETRACTED by default. */
  whenGone?: UserErrorCode;
}

/**
 * Locks the record for the rest of the transaction, so a concurrent change waits and then sees
 * this one's revision, and checks that it exists, is in use and is at the revision the client read.
 */
export async function lockRevision(tx: Database, record: Revisable): Promise<UserErrorValue[]> {
  const current = await rowState(tx, record.table, record.id, true);
  if (!current) return [userError(record.field, UserErrorCode.NOT_FOUND, `No ${record.what} has this ID.`)];
  if (current.gone) {
    const code = record.whenGone ?? outOfUse[record.table]!.code;
    const why = code === UserErrorCode.ALREADY_RETRACTED ? 'is retracted already' : outOfUse[record.table]!.why;
    return [userError(record.field, code, `This ${record.what} ${why}.`)];
  }
  if (current.revision !== record.expectedRevision) {
    return [
      userError(
        ['input', 'expectedRevision'],
        UserErrorCode.STALE,
        `The ${record.what} is at revision ${current.revision}, not ${record.expectedRevision}: ` +
          'someone changed it since you read it. Read it again and retry.',
        { currentRevision: current.revision },
      ),
    ];
  }
  return [];
}

/** The date rules are shared with the importer (src/write/date-rules.ts). */
export { dateErrors } from '../../../write/date-rules.js';

/**
 * Checks a citation against its source (it exists; the passage occurs in its stored text) and
 * writes it, inside the mutation's transaction.
 */
export async function writeCitation(tx: Database, citation: CitationInput, field: string[]): Promise<Outcome<number>> {
  const sourceId = idOf('Source', citation.source, [...field, 'source']);
  if (typeof sourceId !== 'number') return { userErrors: [sourceId] };
  const errors: UserErrorValue[] = [];
  const credited = await resolveReferences(tx, {
    actor: { field: [...field, 'attributedTo'], type: 'Actor', table: 'actors', id: citation.attributedTo },
  });
  if (credited.userErrors) errors.push(...credited.userErrors);
  const actorId = (credited.ok?.actor ?? null) as number | null;
  const [source] = await queryRows<{ full_text: string | null }>(tx, sql`SELECT full_text FROM sources WHERE id = ${sourceId}`);
  if (!source) errors.push(userError([...field, 'source'], UserErrorCode.NOT_FOUND, 'No source has this ID.'));
  else if (source.full_text !== null && !passageOccursIn(citation.passage, source.full_text)) {
    errors.push(
      userError(
        [...field, 'passage'],
        UserErrorCode.PASSAGE_NOT_IN_SOURCE,
        'The passage does not occur in the source’s stored text; quote it verbatim (only whitespace and quote-mark style may differ).',
      ),
    );
  }
  if (errors.length) return { userErrors: errors };
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`INSERT INTO citations (source_id, passage, attribution, attributed_to_actor_id)
        VALUES (${sourceId}, ${citation.passage}, ${citation.attribution ?? null}, ${actorId}) RETURNING id`,
  );
  return { ok: row!.id };
}

/** The signed-in editor's subject; @Authorized has made sure there is one. */
export function editorOf(context: Context): string {
  if (context.viewer.kind !== 'user') throw new Error('a mutation ran without a signed-in viewer: is it missing @Authorized?');
  return context.viewer.subject;
}

/** The `idempotencyKey` argument every mutation takes. */
export const idempotencyKeyArg = {
  nullable: true,
  description: 'Send the same key to retry safely: the first answer is returned.',
} as const;

/** What a mutation's work can do besides writing: announce a change, sent to subscribers only if the transaction commits. */
export interface WriteSupport {
  publishChange: <E extends ChangedEntity>(kind: ChangeKindOf<E>, entity: E, ids: number | readonly number[]) => void;
}

/**
 * runWrite with the request's editor and id, once the editor's write budget allows it; changes
 * the work publishes go out after the commit.
 */
export async function write<Result>(
  context: Context,
  mutation: string,
  input: unknown,
  options: { idempotencyKey?: string | null | undefined; reason?: string | null | undefined },
  work: (tx: Database, support: WriteSupport) => Promise<Outcome<Result>>,
) {
  const editor = editorOf(context);
  await context.writeLimit?.(editor);
  return runWrite(
    context.db,
    { editor, mutation, requestId: context.requestId, input, ...options },
    (tx, hooks) =>
      work(tx, {
        publishChange: (kind, entity, ids) => hooks.afterCommit(() => context.live?.publishChange(kind, entity, ids)),
      }),
    (err) => context.logger.error({ err }, 'a committed change could not be published to subscribers'),
  );
}

/**
 * class-validator's findings on a mutation input as userErrors with field paths: an input
 * that breaks a length or range rule is the client's to fix next to the field, not a failed request.
 */
export async function inputErrors(input: object, field: string[]): Promise<UserErrorValue[]> {
  const found = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false });
  const flatten = (errors: ValidationError[], path: string[]): UserErrorValue[] =>
    errors.flatMap((error) => [
      ...Object.values(error.constraints ?? {}).map((message) => userError([...path, error.property], UserErrorCode.INVALID, message)),
      ...flatten(error.children ?? [], [...path, error.property]),
    ]);
  return flatten(found, field);
}

/** A reference an input makes: an optional ID of a Node type, or an optional country code. */
export type Reference =
  | { field: string[]; type: NodeTypeName; table: string; id: string | null | undefined }
  | { field: string[]; country: string | null | undefined };

/**
 * The rows an input refers to, checked inside the mutation's transaction: each ID decoded to its
 * row id and each country code looked up (null where none was given), or a userError per
 * reference that is malformed, of another type, names nothing, or names a retracted record or
 * a merged actor (a new fact must not hang off either).
 */
export async function resolveReferences<K extends string>(
  tx: Database,
  references: Record<K, Reference>,
): Promise<Outcome<Record<K, number | string | null>>> {
  const resolved = {} as Record<K, number | string | null>;
  const errors: UserErrorValue[] = [];
  for (const [name, reference] of Object.entries(references) as [K, Reference][]) {
    resolved[name] = null;
    if ('country' in reference) {
      if (!reference.country) continue;
      const known = await queryRows(tx, sql`SELECT 1 FROM countries WHERE code = ${reference.country}`);
      if (known.length) resolved[name] = reference.country;
      else errors.push(userError(reference.field, UserErrorCode.NOT_FOUND, `No country has the code ${reference.country}.`));
      continue;
    }
    if (!reference.id) continue;
    const id = idOf(reference.type, reference.id, reference.field);
    const state = typeof id === 'number' ? await rowState(tx, reference.table, id) : undefined;
    const what = reference.type.toLowerCase();
    if (typeof id !== 'number') errors.push(id);
    else if (!state) errors.push(userError(reference.field, UserErrorCode.NOT_FOUND, `No ${what} has this ID.`));
    else if (state.gone)
      errors.push(userError(reference.field, outOfUse[reference.table]!.code, `This ${what} ${outOfUse[reference.table]!.why}.`));
    else resolved[name] = id;
  }
  return errors.length ? { userErrors: errors } : { ok: resolved };
}

/** A figure input as the figure columns (src/db/schema/columns.ts). */
export const figureValues = (figure: FigureInput) => ({
  figureLow: figure.low ?? null,
  figureBest: figure.best ?? null,
  figureHigh: figure.high ?? null,
  figureQualifier: figure.qualifier,
  figureWording: figure.wording,
});

/** A date input as the occurred_* columns. */
export const dateValues = (date: FuzzyDateInput) => ({
  occurredOn: date.date,
  occurredPrecision: date.precision,
  // For DAY, MONTH and YEAR a trigger derives the end (migration 0009).
  ...(date.precision === 'RANGE' ? { occurredEnd: date.end! } : {}),
});

/**
 * An update's values without the fields it leaves out (undefined): those columns stay as they are.
 * For columns that cannot be empty, whose nulls `unclearable` refused before any SQL.
 */
export function given<T extends object>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

/** As `given`, for columns an update may clear: null stays, and empties the column. */
export function givenOrCleared<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** An update field sent as null where its column cannot be empty: INVALID, with its path. */
export function unclearable(input: object, fields: readonly string[]): UserErrorValue[] {
  return fields
    .filter((field) => (input as Record<string, unknown>)[field] === null)
    .map((field) => userError(['input', field], UserErrorCode.INVALID, `${field} cannot be cleared; leave it out to keep it.`));
}
