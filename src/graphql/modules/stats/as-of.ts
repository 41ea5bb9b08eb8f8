import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { casualties, casualtyRevisions, deployments, deploymentRevisions } from '../../../db/schema/index.js';

/** The columns a version row carries (src/db/schema/*-revisions.ts); everything else is read from the record. */
const FIGURE = ['figure_low', 'figure_best', 'figure_high', 'figure_qualifier', 'figure_wording', 'citation_id', 'revision'];

/**
 * A fact table as it stood at `asOf`: each record that existed then, with the newest version
 * recorded by then, leaving out those retracted by then. Aliased as the table itself (or `alias`), so every
 * filter, grouping and statistics statement written against the table runs on it unchanged.
 */
function asOfTable(table: PgTable, revisions: PgTable, foreignKey: string, versioned: string[], asOf: Date, alias?: string): SQL {
  const columns = Object.values(getTableColumns(table)).map((column) => {
    if (versioned.includes(column.name)) return sql.raw(`v."${column.name}"`);
    // Not retracted as of then, whatever happened since.
    if (column.name === 'retracted_at' || column.name === 'retracted_by' || column.name === 'retraction_reason') {
      return sql.raw(`NULL::${column.name === 'retracted_at' ? 'timestamptz' : 'text'} AS "${column.name}"`);
    }
    return sql.raw(`c."${column.name}"`);
  });
  return sql`(SELECT ${sql.join(columns, sql`, `)} FROM ${table} c
    JOIN LATERAL (SELECT * FROM ${revisions} v
                  WHERE v.${sql.raw(`"${foreignKey}"`)} = c.id AND v.recorded_at <= ${asOf.toISOString()}::timestamptz
                  ORDER BY v.revision DESC LIMIT 1) v ON true
    WHERE NOT v.retracted) AS ${alias ? sql.identifier(alias) : table}`;
}

export const casualtiesAsOf = (asOf: Date): SQL => asOfTable(casualties, casualtyRevisions, 'casualty_id', FIGURE, asOf);
/** Deployments as they stood at `asOf`, with the report each updated then (a retraction relinks chains, migration 0014). */
export const deploymentsAsOf = (asOf: Date, alias?: string): SQL =>
  asOfTable(deployments, deploymentRevisions, 'deployment_id', [...FIGURE, 'status', 'supersedes_id'], asOf, alias);
