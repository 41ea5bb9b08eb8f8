import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { userError, UserErrorCode, type UserErrorValue } from './user-error.js';

/** What a mutation's work gives back: its result, or why it changed nothing. */
export type Outcome<Result> = { ok: Result; userErrors?: undefined } | { ok?: undefined; userErrors: UserErrorValue[] };

export interface WriteRequest {
  /** The token's subject; recorded in revisions and the audit trail. */
  editor: string;
  /** The GraphQL mutation field, e.g. `casualtyRevise`. */
  mutation: string;
  requestId: string;
  /** The mutation's whole input, for idempotency: the same key must come with the same input. */
  input: unknown;
  idempotencyKey?: string | null | undefined;
  /** Why (a revision's or retraction's reason), recorded with the version the write makes. */
  reason?: string | null | undefined;
}

/** What a mutation's work may ask of its transaction besides running statements. */
export interface WriteHooks {
  /**
   * Runs `hook` once the transaction has committed, never when it rolls back (userErrors, an
   * exception) nor for an idempotent replay: how changes reach subscribers only when they are real.
   */
  afterCommit: (hook: () => void) => void;
}

/** Thrown inside the transaction to roll it back when the work answers with userErrors. */
class RolledBack extends Error {
  constructor(readonly userErrors: UserErrorValue[]) {
    super('rolled back');
  }
}

/** JSON with sorted keys, so inputs equal as values hash equally whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const inputHash = (mutation: string, input: unknown): string =>
  createHash('sha256').update(mutation).update('\0').update(canonical(input)).digest('hex');

/**
 * One mutation, one transaction: the editor, mutation and request id are set for the triggers
 * that keep revisions and the audit trail (migration editorial_triggers), the work runs, and
 * either everything commits or nothing does. With an idempotency key the first successful
 * answer is stored in the same transaction and returned again for a retry with the same input.
 */
export async function runWrite<Result>(
  db: Database,
  request: WriteRequest,
  work: (tx: Database, hooks: WriteHooks) => Promise<Outcome<Result>>,
  onHookError: (error: unknown) => void = (error) => process.emitWarning(`after-commit hook failed: ${String(error)}`),
): Promise<Outcome<Result> & { replayed?: boolean }> {
  const hash = request.idempotencyKey ? inputHash(request.mutation, request.input) : undefined;
  const afterCommit: (() => void)[] = [];
  const hooks: WriteHooks = { afterCommit: (hook) => void afterCommit.push(hook) };
  let result: Outcome<Result> & { replayed?: boolean };
  try {
    result = await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database;
      await tx.execute(sql`SELECT set_config('newsgraph.editor', ${request.editor}, true),
                                  set_config('newsgraph.mutation', ${request.mutation}, true),
                                  set_config('newsgraph.request_id', ${request.requestId}, true),
                                  set_config('newsgraph.reason', ${request.reason ?? ''}, true)`);
      if (request.idempotencyKey) {
        // Two retries of one key racing each other: the second waits here and then finds the first's answer.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${request.editor}\n${request.idempotencyKey}`}, 0))`);
        const [seen] = await queryRows<{ mutation: string; input_hash: string; response: Result }>(
          tx,
          sql`SELECT mutation, input_hash, response FROM idempotency_keys
              WHERE editor = ${request.editor} AND key = ${request.idempotencyKey}`,
        );
        if (seen) {
          if (seen.mutation === request.mutation && seen.input_hash === hash) return { ok: seen.response, replayed: true };
          const usedWith = seen.mutation === request.mutation ? 'another input' : `\`${seen.mutation}\``;
          throw new RolledBack([
            userError(
              ['idempotencyKey'],
              UserErrorCode.IDEMPOTENCY_KEY_REUSED,
              `This idempotency key was used before with ${usedWith}; use a new key for a new change.`,
            ),
          ]);
        }
      }
      const outcome = await work(tx, hooks);
      if (outcome.userErrors) throw new RolledBack(outcome.userErrors);
      if (request.idempotencyKey) {
        await tx.execute(sql`INSERT INTO idempotency_keys (editor, key, mutation, input_hash, response)
                             VALUES (${request.editor}, ${request.idempotencyKey}, ${request.mutation}, ${hash},
                                     ${JSON.stringify(outcome.ok)}::jsonb)`);
      }
      return outcome;
    });
  } catch (error) {
    if (error instanceof RolledBack) return { userErrors: error.userErrors };
    throw error;
  }
  // Committed: the change is real. A failing hook must not turn a committed write into an error.
  for (const hook of afterCommit) {
    try {
      hook();
    } catch (error) {
      onHookError(error);
    }
  }
  return result;
}
