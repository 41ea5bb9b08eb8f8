import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../db/client.js';
import { batchScheduleFn } from '../../common/batching.js';
import { factSumColumns, figureSumAggregates, presentSumSql } from './figure-sum.js';
import { emptyFigureTotal, toFigureTotal, type FigureTotalRow } from './figure-total.js';
import type { CasualtyTotals } from './stats.type.js';

/**
 * Casualty totals for many parents in one statement: GROUPING SETS yields each parent's total
 * per kind and over all kinds in the same pass. Retracted records count in no total.
 */
export function casualtyTotalsLoader<K extends number | string>(db: Database, parentColumn: 'event_id' | 'victim_country_code') {
  return new DataLoader<K, CasualtyTotals>(
    async (keys) => {
      const column = sql.raw(parentColumn);
      const parents = sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      );
      const rows = await queryRows<FigureTotalRow & { parent: K; kind: string | null }>(
        db,
        sql`
        SELECT *, ${presentSumSql} FROM (
          SELECT ${column} AS parent, kind, ${figureSumAggregates}
          FROM (SELECT ${column}, kind, ${factSumColumns} FROM casualties
                WHERE retracted_at IS NULL AND ${column} IN (${parents})) AS facts
          GROUP BY GROUPING SETS ((${column}, kind), (${column}))
        ) AS totals`,
      );
      const totals = new Map<string, CasualtyTotals>(
        keys.map((k) => [String(k), { killed: emptyFigureTotal(), injured: emptyFigureTotal(), all: emptyFigureTotal() }]),
      );
      for (const row of rows) {
        const entry = totals.get(String(row.parent));
        if (!entry) continue;
        const total = toFigureTotal(row);
        if (row.kind === null) entry.all = total;
        else if (row.kind === 'KILLED') entry.killed = total;
        else if (row.kind === 'INJURED') entry.injured = total;
      }
      return keys.map((k) => totals.get(String(k))!);
    },
    { batchScheduleFn },
  );
}
