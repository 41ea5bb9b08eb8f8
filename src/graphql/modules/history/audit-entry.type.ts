import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { connectionTypes } from '../../common/connection.js';
import { instance } from '../../common/instance.js';
import { ReadsNoRows } from '../../common/projection.js';

export enum AuditOperation {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(AuditOperation, {
  name: 'AuditOperation',
  description: 'What a write did to one stored row.',
  valuesConfig: {
    CREATED: { description: 'The row was written for the first time (`before` is null).' },
    UPDATED: { description: 'The row changed (`changedFields` says which fields).' },
    DELETED: { description: 'The row was removed, e.g. a participant taken off an event (`after` is null).' },
  },
});

const operations: Record<string, AuditOperation> = {
  INSERT: AuditOperation.CREATED,
  UPDATE: AuditOperation.UPDATED,
  DELETE: AuditOperation.DELETED,
};

/** One row of audit_entries as the history loader reads it. */
export interface AuditEntryRow {
  id: string;
  /** When, in ms since the epoch (exact to the ms, without parsing Postgres' text). */
  at_ms: number;
  editor: string;
  mutation: string;
  request_id: string | null;
  entity: string;
  entity_id: number;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One stored row changed by an editor’s mutation: who, when, which mutation, and the row before and after.',
})
@ReadsNoRows()
export class AuditEntry {
  @Field(() => GraphQLDateTime, { description: 'When the mutation’s transaction wrote it.' })
  at!: Date;

  @Field(() => String, { description: 'Who made the change (the token’s subject).' })
  editor!: string;

  @Field(() => String, { description: 'The mutation that made it, e.g. `casualtyRevise`.' })
  mutation!: string;

  @Field(() => String, { nullable: true, description: 'The HTTP request’s id (`x-request-id`), to find it in the server log.' })
  requestId!: string | null;

  @Field(() => String, { description: 'The stored table written, e.g. `casualties`, or `event_actors` for a participant of an event.' })
  table!: string;

  @Field(() => AuditOperation, { description: 'Whether the row was created, changed or removed.' })
  operation!: AuditOperation;

  @Field(() => [String], { description: 'The stored columns whose values differ between `before` and `after`, in column order.' })
  changedFields!: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The stored row before the change, column by column; null when created.' })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The stored row after the change; null when removed.' })
  after!: Record<string, unknown> | null;
}

export const { Connection: AuditEntryConnection } = connectionTypes(AuditEntry, 'AuditEntry');

/** Columns whose values differ, in the order the row lists them (a created or removed row: all of them). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = [...new Set([...Object.keys(before ?? after ?? {}), ...Object.keys(after ?? {})])];
  return keys.filter((key) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null) || !before || !after);
}

export const toAuditEntry = (row: AuditEntryRow): AuditEntry =>
  instance(AuditEntry, {
    at: new Date(row.at_ms),
    editor: row.editor,
    mutation: row.mutation,
    requestId: row.request_id,
    table: row.entity,
    operation: operations[row.operation] ?? AuditOperation.UPDATED,
    changedFields: changedFields(row.before, row.after),
    before: row.before,
    after: row.after,
  });
