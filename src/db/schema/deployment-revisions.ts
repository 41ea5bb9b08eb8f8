import { boolean, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { deployments } from './deployments.js';
import { citations } from './citations.js';
import { deploymentStatus } from './enums.js';
import { figureColumns } from './columns.js';

/**
 * Every version a troop deployment report has had (figure, status and the report it updates),
 * written by a trigger on `deployments` (migrations 0012, 0014).
 */
export const deploymentRevisions = pgTable(
  'deployment_revisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    deploymentId: integer('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    ...figureColumns(),
    status: deploymentStatus('status').notNull(),
    /** The report this version updated: a retraction relinks the chain, so answers as of a past time need the link as it was. */
    supersedesId: integer('supersedes_id'),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
    retracted: boolean('retracted').notNull(),
    editor: text('editor'),
    reason: text('reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    unique('deployment_revisions_version').on(t.deploymentId, t.revision),
    index('deployment_revisions_recorded_at_idx').on(t.recordedAt),
    index('deployment_revisions_citation_id_idx').on(t.citationId),
  ],
);
