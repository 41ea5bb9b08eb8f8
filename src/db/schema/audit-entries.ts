import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row written by an editor's mutation: who, when, which mutation, and the row before and
 * after. Written by triggers in the mutation's own transaction (migration 0012), so no code path
 * can change a fact without leaving its entry.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The token's subject. */
    editor: text('editor').notNull(),
    /** The GraphQL mutation field, e.g. `casualtyRevise`. */
    mutation: text('mutation').notNull(),
    requestId: text('request_id'),
    /** The table written, e.g. `casualties`. */
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    /** INSERT, UPDATE or DELETE. */
    operation: text('operation').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_entries_entity_idx').on(t.entity, t.entityId, t.id), index('audit_entries_editor_idx').on(t.editor, t.id)],
);
