import { Field, ObjectType, type ClassType } from 'type-graphql';
import { Cost, ReadsNoRows } from '../../common/projection.js';
import type { Outcome } from '../../../write/transaction.js';
import type { UserErrorValue } from '../../../write/user-error.js';
import { UserError } from './user-error.type.js';

/** What a mutation answers: the object written (null when nothing was) and why not. */
export interface Payload<T> {
  node: T | null;
  userErrors: UserErrorValue[];
}

/**
 * A mutation's payload type, Shopify style: `<name>: <Type>` and `userErrors`. One factory, so
 * every payload reads the same and a new mutation cannot forget `userErrors`.
 */
export function payloadType<T extends object>(type: ClassType<T>, name: string, typeName: string, what: string): ClassType<Payload<T>> {
  @ObjectType(typeName, { description: `The result of ${what}.` })
  @ReadsNoRows()
  class MutationPayload implements Payload<T> {
    @Field(() => type, { name, nullable: true, description: `The ${name} as written; null when userErrors say why not.` })
    node!: T | null;

    @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
    @Cost('bounded')
    userErrors!: UserErrorValue[];
  }
  return MutationPayload;
}

/** The payload for a write's outcome: the row it wrote, read back through the request's loader, or its userErrors. */
export async function payloadOf<Row, T>(
  outcome: Outcome<number>,
  load: (id: number) => Promise<Row | undefined>,
  toNode: (row: Row) => T,
): Promise<Payload<T>> {
  if (outcome.userErrors) return { node: null, userErrors: outcome.userErrors };
  const row = await load(outcome.ok);
  return { node: row ? toNode(row) : null, userErrors: [] };
}
