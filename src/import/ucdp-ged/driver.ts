import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.js';
import { ImportFatalError, type BatchOutcome, type FormatDriver, type ReadItem } from '../driver.js';
import { GedFatalError, readGedStream } from './read.js';
import { GED_DATASET, gedVersionOf, mapGedEvent, type MappedGedEvent } from './map.js';
import { classifyBatch, writeGedBatch, type WriterState } from './write.js';

async function upsertGedDataset(db: Database, file: string): Promise<number> {
  const version = gedVersionOf(basename(file));
  const { key, name, licence, citation, url } = GED_DATASET;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO datasets (key, name, version, licence, citation, url)
        VALUES (${key}, ${name}, ${version}, ${licence}, ${citation}, ${url})
        ON CONFLICT (key) DO UPDATE SET version = coalesce(excluded.version, datasets.version)
        RETURNING id`,
  );
  return row!.id;
}

async function existingDatasetId(db: Database, key: string): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(db, sql`SELECT id FROM datasets WHERE key = ${key}`);
  return row?.id ?? null;
}

/** UCDP GED CSV: one event per row (the mapping is src/import/ucdp-ged/map.ts); the release is read from the file name. */
export function gedDriver(file: string): FormatDriver<MappedGedEvent> {
  let state: WriterState | null = null;
  return {
    async *read(input: Readable): AsyncGenerator<ReadItem<MappedGedEvent>> {
      try {
        for await (const item of readGedStream(input)) {
          if (item.kind === 'reject') {
            yield {
              kind: 'reject',
              line: item.line,
              raw: item.raw,
              problems: item.rejects.map(({ column, reason }) => ({ column, reason })),
            };
          } else {
            yield { kind: 'row', line: item.line, row: mapGedEvent(item.event) };
          }
        }
      } catch (error) {
        if (error instanceof GedFatalError) throw new ImportFatalError(error.code, error.message);
        throw error;
      }
    },
    widened: (row) => row.casualty.bestOutsideInterval,
    async classify(db, batch): Promise<BatchOutcome> {
      const { fresh, changed, unchanged } = await classifyBatch(db, await existingDatasetId(db, GED_DATASET.key), batch);
      return { imported: fresh.length, updated: changed.length, unchanged, rejects: [] };
    },
    async write(tx, batch): Promise<BatchOutcome> {
      state ??= { datasetId: await upsertGedDataset(tx, file), countries: new Set(), actors: new Map() };
      const { imported, updated, unchanged, written } = await writeGedBatch(tx, state, batch);
      return { imported, updated, unchanged, rejects: [], written };
    },
    datasetId: () => state?.datasetId ?? null,
    // Reading and mapping a GED row needs nothing from the database.
    overlapsReading: true,
  };
}
