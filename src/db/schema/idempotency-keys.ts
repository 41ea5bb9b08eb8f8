import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A client's `idempotencyKey` with the input it came with and the answer it got, so a retried
 * mutation returns the first answer instead of writing twice. Keys are per editor.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    editor: text('editor').notNull(),
    key: text('key').notNull(),
    mutation: text('mutation').notNull(),
    /** SHA-256 of the mutation name and its canonical input: the same key with other input is refused. */
    inputHash: text('input_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.editor, t.key] })],
);
