import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { connectionTypes } from '../../common/connection.js';
import { instance } from '../../common/instance.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { datasets } from '../../../db/schema/index.js';

export type DatasetRow = typeof datasets.$inferSelect;

@ObjectType({ simpleResolvers: true, description: 'What the last import of a dataset did, as its summary line said.' })
@ReadsNoRows()
export class DatasetImportCounts {
  @Field(() => Int, { description: 'Records added.' })
  imported!: number;

  @Field(() => Int, { description: 'Records changed since the previous import (same external id, new content).' })
  updated!: number;

  @Field(() => Int, { description: 'Records already stored exactly as in the file.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Rows refused (written to the rejects file with their line and reason).' })
  rejected!: number;

  @Field(() => Int, {
    description: 'Rows whose best estimate lay outside their own low..high: stored as reported, bounds widened, marked.',
  })
  bestOutsideInterval!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many records of each kind a dataset holds now.' })
@ReadsNoRows()
export class DatasetRecordCounts {
  @Field(() => Int, { description: 'Events.' })
  events!: number;

  @Field(() => Int, { description: 'Casualty records.' })
  casualties!: number;

  @Field(() => Int, { description: 'Troop deployment reports.' })
  deployments!: number;

  @Field(() => Int, { description: 'Quotes.' })
  quotes!: number;

  @Field(() => Int, { description: 'Reactions.' })
  reactions!: number;

  @Field(() => Int, { description: 'Actors first written by this dataset.' })
  actors!: number;

  @Field(() => Int, { description: 'Sources (articles, reports).' })
  sources!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Deaths summed with their breakdown (UCDP GED: side A, side B, civilians, unknown), over the casualty records that ' +
    'give one. The parts add up to `best` record by record; nothing is counted twice.',
})
@ReadsNoRows()
export class DeathBreakdownTotal {
  @Field(() => Int, { description: 'Casualty records summed.' })
  records!: number;

  @Field(() => Int, { description: 'Sum of the best estimates.' })
  best!: number;

  @Field(() => Int, { description: 'Deaths on side A.' })
  sideA!: number;

  @Field(() => Int, { description: 'Deaths on side B (always 0 in one-sided violence).' })
  sideB!: number;

  @Field(() => Int, { description: 'Civilian deaths.' })
  civilians!: number;

  @Field(() => Int, { description: 'Deaths the source could not attribute.' })
  unknown!: number;
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'Where records come from: an imported dataset (UCDP GED, a newsroom article), with its licence and citation.',
})
export class Dataset implements Node {
  __typename!: 'Dataset';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @Reads(datasets, 'id')
  id!: string;

  @Field(() => String, { description: "Stable key the importer finds the dataset by ('ucdp-ged')." })
  @Reads(datasets, 'key')
  key!: string;

  @Field(() => String, { description: 'Name, e.g. "UCDP Georeferenced Event Dataset (GED)".' })
  @Reads(datasets, 'name')
  name!: string;

  @Field(() => String, { nullable: true, description: 'Release last imported ("23.1"), when the data says.' })
  @Reads(datasets, 'version')
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence of the data ("CC BY 4.0").' })
  @Reads(datasets, 'licence')
  licence!: string | null;

  @Field(() => String, { nullable: true, description: 'How to cite the data, as its publisher asks.' })
  @Reads(datasets, 'citation')
  citation!: string | null;

  @Field(() => String, { nullable: true, description: "The publisher's page for the data." })
  @Reads(datasets, 'url')
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was last imported (ISO 8601 timestamp).' })
  @Reads(datasets, 'importedAt')
  importedAt!: string | null;

  @Field(() => DatasetImportCounts, { description: 'What the last import did.' })
  @Reads(datasets, 'lastImported', 'lastUpdated', 'lastUnchanged', 'lastRejected', 'lastWidened')
  lastImport!: DatasetImportCounts;

  row!: DatasetRow;
}

/** Postgres writes `2026-11-28 03:20:41.12+00`; the API gives ISO 8601 in UTC. */
function isoTimestamp(value: string): string {
  const parsed = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

export const toDataset = (row: DatasetRow): Dataset =>
  instance(Dataset, {
    __typename: 'Dataset',
    id: toGlobalId('Dataset', row.id),
    key: row.key,
    name: row.name,
    version: row.version,
    licence: row.licence,
    citation: row.citation,
    url: row.url,
    // A projected row lacks the columns no selected field reads: undefined here, never read.
    importedAt: row.importedAt == null ? null : isoTimestamp(row.importedAt),
    lastImport: instance(DatasetImportCounts, {
      imported: row.lastImported,
      updated: row.lastUpdated,
      unchanged: row.lastUnchanged,
      rejected: row.lastRejected,
      bestOutsideInterval: row.lastWidened,
    }),
    row,
  });

export const { Connection: DatasetConnection } = connectionTypes(Dataset, 'Dataset');
