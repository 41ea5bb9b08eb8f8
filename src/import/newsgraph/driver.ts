import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.js';
import type { BatchOutcome, FormatDriver, ReadItem, WrittenIds } from '../driver.js';
import { FileKeys } from './check.js';
import { readNewsgraphStream, type NewsgraphRow } from './read.js';
import { planBatch, refusedRow, writeBatch, type WriterContext } from './write.js';
import type { DatasetLine } from './types.js';

/** A constraint or data error of the database (SQLSTATE classes 22 and 23), looked for through drizzle's wrapping. */
function databaseRefusal(error: unknown): string | null {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23]/.test(code)) return at.message;
  }
  return null;
}

async function upsertDataset(db: Database, d: DatasetLine): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO datasets (key, name, version, licence, citation, url)
        VALUES (${d.key}, ${d.name}, ${d.version ?? null}, ${d.licence ?? null}, ${d.citation ?? null}, ${d.url ?? null})
        ON CONFLICT (key) DO UPDATE SET name = excluded.name, version = excluded.version, licence = excluded.licence,
          citation = excluded.citation, url = excluded.url
        RETURNING id`,
  );
  return row!.id;
}

/** newsgraph NDJSON (schemas/newsgraph-import.schema.json): the dataset line first, then one record per line. */
export function newsgraphDriver(): FormatDriver<NewsgraphRow> {
  const keys = new FileKeys();
  let dataset: DatasetLine | null = null;
  let written: number | null = null;

  /** Plans and writes in a savepoint, so a line the database refuses after all can be found and rejected alone. */
  const attempt = async (tx: Database, context: WriterContext, rows: NewsgraphRow[]): Promise<BatchOutcome> =>
    tx.transaction(async (savepoint) => {
      const db = savepoint as unknown as Database;
      const { planned, outcome, stored } = await planBatch(db, context, rows);
      return { ...outcome, written: await writeBatch(db, context, planned, stored) };
    });

  return {
    async *read(input: Readable): AsyncGenerator<ReadItem<NewsgraphRow>> {
      for await (const item of readNewsgraphStream(input, keys)) {
        if (item.kind === 'dataset') dataset = item.dataset;
        else if (item.kind === 'row') yield { kind: 'row', line: item.row.line, row: item.row };
        else yield { kind: 'reject', line: item.line, raw: item.raw, problems: item.problems };
      }
    },
    widened: () => false,
    async classify(db, batch) {
      const [row] = await queryRows<{ id: number }>(db, sql`SELECT id FROM datasets WHERE key = ${dataset!.key}`);
      return (await planBatch(db, { datasetId: row?.id ?? null, keys }, batch)).outcome;
    },
    async write(tx, batch) {
      written ??= await upsertDataset(tx, dataset!);
      const context = { datasetId: written, keys };
      try {
        return await attempt(tx, context, batch);
      } catch (error) {
        if (databaseRefusal(error) === null) throw error;
      }
      // Line by line: every line the database accepts is kept, each refused one is a reject.
      const ids: WrittenIds = { createdEvents: [], updatedEvents: [], casualties: [] };
      const outcome: BatchOutcome = { imported: 0, updated: 0, unchanged: 0, rejects: [], written: ids };
      for (const row of batch) {
        try {
          const one = await attempt(tx, context, [row]);
          outcome.imported += one.imported;
          outcome.updated += one.updated;
          outcome.unchanged += one.unchanged;
          outcome.rejects.push(...one.rejects);
          ids.createdEvents.push(...one.written!.createdEvents);
          ids.updatedEvents.push(...one.written!.updatedEvents);
          ids.casualties.push(...one.written!.casualties);
        } catch (error) {
          const reason = databaseRefusal(error);
          if (reason === null) throw error;
          keys.reject(row.defines, row.line);
          outcome.rejects.push(refusedRow(row, reason));
        }
      }
      return outcome;
    },
    datasetId: () => written,
  };
}
