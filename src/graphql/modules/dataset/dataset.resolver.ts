import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import DataLoader from 'dataloader';
import { and, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../db/client.js';
import { casualties, datasets } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { rootConnection } from '../../common/root-connection.js';
import { Reads } from '../../common/projection.js';
import { CasualtyFilter } from '../casualty/casualty.input.js';
import { casualtyConditions } from '../casualty/casualty.filter.js';
import { Dataset, DatasetConnection, DatasetRecordCounts, DeathBreakdownTotal, toDataset, type DatasetRow } from './dataset.type.js';

// One loader per request, keyed by the request's loaders object (created once per request).
const datasetLoaders = new WeakMap<object, DataLoader<number, DatasetRow | undefined>>();

/** The request's batched dataset lookup by row id: one statement per level of a query. */
export function datasetLoader({ db, loaders }: Context): DataLoader<number, DatasetRow | undefined> {
  let loader = datasetLoaders.get(loaders);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const rows = await db
        .select()
        .from(datasets)
        .where(inArray(datasets.id, [...ids]));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    });
    datasetLoaders.set(loaders, loader);
  }
  return loader;
}

/** A Dataset by row id, or null (for `node` and the `dataset` field of records). */
export async function loadDataset(context: Context, id: number | null): Promise<Dataset | null> {
  if (id === null) return null;
  const row = await datasetLoader(context).load(id);
  return row ? toDataset(row) : null;
}

async function recordCounts(db: Database, id: number): Promise<DatasetRecordCounts> {
  // Retracted records and merged actors are no longer held: they count nowhere.
  const standing: Record<string, string> = { actors: 'merged_into_id IS NULL', sources: 'true' };
  const count = (table: string) =>
    sql.raw(`(SELECT count(*)::int FROM ${table} WHERE ${standing[table] ?? 'retracted_at IS NULL'} AND dataset_id = `);
  const [row] = await queryRows<DatasetRecordCounts>(
    db,
    sql`SELECT ${count('events')}${id}) AS events, ${count('casualties')}${id}) AS casualties,
               ${count('deployments')}${id}) AS deployments, ${count('quotes')}${id}) AS quotes,
               ${count('reactions')}${id}) AS reactions, ${count('actors')}${id}) AS actors, ${count('sources')}${id}) AS sources`,
  );
  return row!;
}

const datasetsPage = rootConnection<DatasetRow, Dataset, null>({
  connection: 'datasets',
  table: datasets,
  sort: { name: 'ID', column: datasets.id, value: (row) => row.id },
  conditions: () => [],
  toNode: toDataset,
});

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => DatasetConnection, { description: 'Every dataset records were imported from, oldest first.' })
  @Reads()
  async datasets(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Dataset>> {
    return datasetsPage({ first, after }, null, null, context, info);
  }

  @FieldResolver(() => DatasetRecordCounts, { description: 'How many records of each kind the dataset holds now.' })
  @Reads(datasets, 'id')
  records(@Root() dataset: Dataset, @Ctx() { db }: Context): Promise<DatasetRecordCounts> {
    return recordCounts(db, dataset.row.id);
  }

  @FieldResolver(() => DeathBreakdownTotal, {
    description:
      "The dataset's deaths with their breakdown (side A, side B, civilians, unknown), summed in SQL over its casualty " +
      'records that match the filter.',
  })
  @Reads(datasets, 'id')
  async deaths(
    @Root() dataset: Dataset,
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Which casualty records of the dataset to sum.' })
    filter: CasualtyFilter | null,
    @Ctx() { db }: Context,
  ): Promise<DeathBreakdownTotal> {
    const where = and(
      sql`${casualties.datasetId} = ${dataset.row.id}`,
      sql`${casualties.deathsCivilians} IS NOT NULL`,
      ...casualtyConditions(filter),
    );
    const [row] = await queryRows<Record<keyof DeathBreakdownTotal, number | string>>(
      db,
      sql`SELECT count(*) AS records, coalesce(sum(figure_best), 0) AS best, coalesce(sum(deaths_side_a), 0) AS "sideA",
                 coalesce(sum(deaths_side_b), 0) AS "sideB", coalesce(sum(deaths_civilians), 0) AS civilians,
                 coalesce(sum(deaths_unknown), 0) AS unknown
          FROM ${casualties} WHERE ${where}`,
    );
    const n = (key: keyof DeathBreakdownTotal) => Number(row![key]);
    return {
      records: n('records'),
      best: n('best'),
      sideA: n('sideA'),
      sideB: n('sideB'),
      civilians: n('civilians'),
      unknown: n('unknown'),
    };
  }
}
