import { Arg, Authorized, Ctx, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Database } from '../../../db/client.js';
import type { Role } from '../../../auth/roles.js';
import type { Outcome } from '../../../write/transaction.js';
import type { UserErrorValue } from '../../../write/user-error.js';
import { Reads } from '../../common/projection.js';
import type { Context } from '../../context.js';
import { payloadOf, type Payload } from './payload.js';
import { idempotencyKeyArg, inputErrors, write, type WriteSupport } from './write-support.js';

/** What makes one mutation: everything else (authorization, validation, transaction, payload) is shared. */
export interface MutationConfig<Input extends object, Row, T> {
  /** The mutation field, e.g. `eventCreate`. */
  name: string;
  role: Role;
  description: string;
  Input: ClassType<Input>;
  inputDescription: string;
  Payload: ClassType<Payload<T>>;
  /** Rules that need no database (a figure's bounds, a date's precision), checked after the input's validators. */
  check?: (input: Input) => UserErrorValue[];
  /** Why, recorded with the versions the write makes (casualty and deployment revisions). */
  reason?: (input: Input) => string;
  /**
   * The write, inside the mutation's transaction: the row id of the object to answer with, or why
   * not. Changes it announces through `support` reach subscribers once the transaction commits.
   */
  work: (tx: Database, input: Input, context: Context, support: WriteSupport) => Promise<Outcome<number>>;
  /** The object as the payload shows it, read after the write (past the request's cache). */
  load: (context: Context, id: number) => Promise<Row | undefined>;
  toNode: (row: Row) => T;
}

/**
 * A mutation resolver built from its config, as the statistics roots are (stats.resolver.ts):
 * `@Authorized` for its role, the input validated into userErrors with field paths before any
 * SQL, one transaction with the idempotency key, and the payload read back through the loaders.
 */
export function editingMutation<Input extends object, Row, T>(config: MutationConfig<Input, Row, T>): ClassType {
  @Resolver()
  class EditingMutationResolver {
    @Mutation(() => config.Payload, { name: config.name, description: config.description })
    @Authorized(config.role)
    @Reads()
    async mutate(
      @Arg('input', () => config.Input, { description: config.inputDescription }) input: Input,
      @Arg('idempotencyKey', () => String, idempotencyKeyArg) idempotencyKey: string | null,
      @Ctx() context: Context,
    ): Promise<Payload<T>> {
      const errors = [...(await inputErrors(input, ['input'])), ...(config.check?.(input) ?? [])];
      if (errors.length) return { node: null, userErrors: errors };
      const options = { idempotencyKey, reason: config.reason?.(input) };
      const outcome = await write(context, config.name, input, options, (tx, support) => config.work(tx, input, context, support));
      return payloadOf(outcome, (id) => config.load(context, id), config.toNode);
    }
  }
  return EditingMutationResolver;
}

/** `check` for an input that names one record by ID: the ID must be one of the type's. */
export const idErrors = (id: number | UserErrorValue): UserErrorValue[] => (typeof id === 'number' ? [] : [id]);
