import { Field, Int } from 'type-graphql';
import { Min } from 'class-validator';
import { Role, seesRetracted, type Viewer } from '../../auth/roles.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/** The columns a retraction is kept in (editorialColumns, src/db/schema/columns.ts), read by `retracted`. */
export const retractionColumnKeys = ['retractedAt', 'retractedBy', 'retractionReason'] as const;

/** `revision` on a type editors change: what a client sends back as `expectedRevision`. */
export function RevisionField(shape: { Reads(...columns: 'revision'[]): PropertyDecorator }): PropertyDecorator {
  const field = Field(() => Int, {
    description: 'How many versions the record has had (1 when never changed); send it as `expectedRevision` when you change it.',
  });
  const reads = shape.Reads('revision');
  return (target, key) => {
    field(target, key);
    reads(target, key);
  };
}

/** `expectedRevision` on an input that changes a record: the optimistic-concurrency check. */
export function ExpectedRevisionField(): PropertyDecorator {
  const field = Field(() => Int, {
    description: 'The `revision` you read; if it changed since, nothing is written and the error says STALE.',
  });
  const atLeastOne = Min(1);
  return (target, key) => {
    field(target, key);
    atLeastOne(target, key);
  };
}

/** The `includeRetracted` argument of the root lists of records that can be retracted. */
export const includeRetractedArg = {
  nullable: true,
  defaultValue: false,
  description: 'Also list retracted records (marked by `retracted`). Needs ADMIN; totals never count them.',
} as const;

/** Whether a root list includes retracted records: only an admin may ask, and anyone else hears why not. */
export function includeRetractedFor(viewer: Viewer, asked: boolean | null): boolean {
  if (!asked) return false;
  if (viewer.kind !== 'user') throw new UnauthenticatedError();
  if (!seesRetracted(viewer)) throw new ForbiddenError([Role.ADMIN]);
  return true;
}
