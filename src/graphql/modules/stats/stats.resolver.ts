import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { getArgumentValues, getNamedType, Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Database } from '../../../db/client.js';
import { instance } from '../../common/instance.js';
import { and, sql, type SQL } from 'drizzle-orm';
import { casualties, deployments } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { SortDirection } from '../../common/enums.js';
import { cursorScope, decodeOffsetCursor, offsetCursors, pageSize } from '../../common/paginate.js';
import { loadOptional } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Country, toCountry } from '../country/country.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Location, toLocation } from '../location/location.type.js';
import { CasualtyFilter } from '../casualty/casualty.input.js';
import { casualtyConditions } from '../casualty/casualty.filter.js';
import { DeploymentFilter } from '../deployment/deployment.input.js';
import { deploymentConditions } from '../deployment/deployment.filter.js';
import { FigureTotal, toFigureTotal, type FigureTotalRow } from './figure-total.js';
import { CasualtyDimension, DeploymentDimension, SeriesInterval, StatsOrder, StatsOrderField } from './stats.input.js';
import {
  CasualtyGroup,
  CasualtyGroupConnection,
  CasualtyGroupKey,
  CasualtySeries,
  CasualtyStats,
  TroopGroup,
  TroopGroupConnection,
  TroopGroupKey,
  TroopStats,
} from './stats.type.js';
import {
  checkDimensions,
  checkSeriesRange,
  dayKey,
  factsOf,
  groupsOf,
  monthKey,
  yearKey,
  seriesOf,
  totalOf,
  unplacedOf,
  type DimensionSql,
  type GroupRow,
  type StatsSource,
} from './stats.sql.js';
import { casualtySource } from './rollup.js';
import { casualtiesAsOf, deploymentsAsOf } from './as-of.js';
import { GraphQLDateTime } from 'graphql-scalars';
import { Cost, Reads } from '../../common/projection.js';

export const casualtyDimensionSql: Record<CasualtyDimension, DimensionSql> = {
  [CasualtyDimension.COUNTRY]: { alias: 'key_country', expression: sql`victim_country_code` },
  [CasualtyDimension.EVENT]: { alias: 'key_event', expression: sql`event_id` },
  [CasualtyDimension.DAY]: { alias: 'key_day', expression: dayKey },
  [CasualtyDimension.MONTH]: { alias: 'key_month', expression: monthKey },
  [CasualtyDimension.KIND]: { alias: 'key_kind', expression: sql`kind` },
  [CasualtyDimension.ACTOR]: { alias: 'key_actor', expression: sql`affiliated_actor_id` },
  [CasualtyDimension.QUALIFIER]: { alias: 'key_qualifier', expression: sql`figure_qualifier` },
  [CasualtyDimension.YEAR]: { alias: 'key_year', expression: yearKey },
  [CasualtyDimension.EVENT_KIND]: { alias: 'key_event_kind', expression: sql`(SELECT kind FROM events WHERE events.id = event_id)` },
  [CasualtyDimension.DATASET]: { alias: 'key_dataset', expression: sql`dataset_id` },
};

const deploymentDimensionSql: Record<DeploymentDimension, DimensionSql> = {
  [DeploymentDimension.FORCE_COUNTRY]: { alias: 'key_force_country', expression: sql`force_country_code` },
  [DeploymentDimension.DESTINATION_COUNTRY]: { alias: 'key_destination_country', expression: sql`destination_country_code` },
  [DeploymentDimension.DESTINATION]: { alias: 'key_destination', expression: sql`destination_location_id` },
  [DeploymentDimension.STATUS]: { alias: 'key_status', expression: sql`status` },
  [DeploymentDimension.DAY]: { alias: 'key_day', expression: dayKey },
  [DeploymentDimension.EVENT]: { alias: 'key_event', expression: sql`event_id` },
  [DeploymentDimension.DATASET]: { alias: 'key_dataset', expression: sql`dataset_id` },
};

const deploymentFacts = factsOf(deployments);

const asOfArg = {
  nullable: true,
  description:
    'Answer as we reported then: the records that existed at this time, each with the version recorded by then, ' +
    'leaving out those retracted by then (read from the records’ revisions, not the rollups).',
} as const;

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? null : String(value));
const id = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));

/** What both stats types share: the grouping, the filter, where to read from, and maybe a page fetched early. */
interface StatsPlan<D extends string, G> {
  dimensions: D[];
  where: SQL | undefined;
  source: StatsSource;
  prefetched?: Promise<GroupPageResult<G>>;
}

/** A grouped statistics connection: its name in cursors, its dimensions as SQL, and how a row becomes a group. */
interface GroupsOf<D extends string, G> {
  name: string;
  dimensionSql: Record<D, DimensionSql>;
  toGroup: (row: GroupRow) => G;
}

interface GroupPageResult<G> {
  connection: ConnectionData<G>;
  total: FigureTotalRow | undefined;
}

/** Arguments of `groups` when it is the selection's only `groups` field and nothing is conditional or in fragments. */
type GroupsArgs = PageArgs & { orderBy?: StatsOrder | null };

function soleGroupsArgs(info: GraphQLResolveInfo): GroupsArgs | undefined {
  const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  if (!selections.every((s): s is FieldNode => s.kind === Kind.FIELD && !s.directives?.length)) return undefined;
  const groups = selections.filter((s) => s.name.value === 'groups');
  if (groups.length !== 1) return undefined;
  const type = getNamedType(info.returnType) as GraphQLObjectType;
  return getArgumentValues(type.getFields().groups!, groups[0]!, info.variableValues);
}

/**
 * When a query selects one `groups` (the usual case), its page and the grand total are fetched
 * together by the stats field itself, in one statement; `groups` and `total` then read the result.
 */
function withPrefetch<D extends string, G>(
  plan: StatsPlan<D, G>,
  context: Context,
  info: GraphQLResolveInfo,
  groups: GroupsOf<D, G>,
): StatsPlan<D, G> {
  const args = plan.dimensions.length ? soleGroupsArgs(info) : undefined;
  if (args) {
    plan.prefetched = groupPage(context, plan, groups, args, args.orderBy ?? null);
    plan.prefetched.catch(() => {}); // `groups` reports the error; `total` falls back to its own statement
  }
  return plan;
}

async function totalOfPlan(db: Database, plan: StatsPlan<string, unknown>): Promise<FigureTotal> {
  const prefetched = await plan.prefetched?.catch(() => undefined);
  return toFigureTotal(prefetched?.total ?? (await totalOf(db, plan.source, plan.where)));
}

/**
 * A page of groups as a connection: one statement (groupsOf) that also yields the grand total,
 * cursors by position (in this grouping and order only), and the group count from the statement's window column.
 */
async function groupPage<D extends string, G>(
  { db, config }: Context,
  stats: StatsPlan<D, G>,
  { name, dimensionSql, toGroup }: GroupsOf<D, G>,
  { first, after }: PageArgs,
  orderBy: StatsOrder | null,
): Promise<GroupPageResult<G>> {
  const size = pageSize(first, config.maxPageSize);
  const scope = cursorScope(name, orderBy?.field ?? StatsOrderField.BEST, orderBy?.direction ?? SortDirection.DESC, stats.dimensions);
  const offset = decodeOffsetCursor(after, scope);
  const page =
    stats.dimensions.length === 0
      ? undefined
      : await groupsOf(
          db,
          stats.source,
          stats.where,
          stats.dimensions.map((d) => dimensionSql[d]),
          orderBy,
          size + 1,
          offset,
        );
  const rows = page?.rows ?? [];
  const cursorAt = offsetCursors(scope);
  const edges = rows.slice(0, size).map((row, i) => ({ node: toGroup(row), cursor: cursorAt(offset + i) }));
  const groupCount = Number(rows[0]?.group_count ?? 0);
  const connection: ConnectionData<G> = {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => groupCount,
  };
  return { connection, total: page?.total };
}

/** What tells the casualty and troop statistics apart; the resolver is the same shape for both. */
interface StatsConfig<D extends string, G, F extends object, S extends StatsPlan<D, G>> {
  /** The root field: `casualtyStats`. */
  query: string;
  Stats: ClassType<S>;
  GroupConnection: ClassType;
  Filter: ClassType<F>;
  Dimension: object;
  descriptions: { query: string; filter: string; total: string };
  /** Where to read from and the filter as SQL; with `asOf`, the records as they stood then. */
  source: (filter: F | null, dimensions: D[], asOf: Date | undefined) => { where: SQL | undefined; source: StatsSource };
  groups: GroupsOf<D, G>;
}

/**
 * A statistics root (`casualtyStats`, `troopStats`) and its `total` and `groups`, built from one
 * config as type-graphql's examples/resolvers-inheritance builds resources from one base.
 */
function statsResolver<D extends string, G, F extends object, S extends StatsPlan<D, G>>(config: StatsConfig<D, G, F, S>) {
  @Resolver(() => config.Stats)
  class StatsResolver {
    @Query(() => config.Stats, { name: config.query, description: config.descriptions.query })
    @Reads()
    @Cost('aggregate')
    stats(
      @Arg('filter', () => config.Filter, { nullable: true, description: config.descriptions.filter })
      filter: F | null,
      @Arg('groupBy', () => [config.Dimension], {
        nullable: true,
        description: 'Up to three distinct dimensions; empty or absent: totals only.',
      })
      groupBy: D[] | null,
      @Arg('asOf', () => GraphQLDateTime, asOfArg) asOf: Date | null,
      @Ctx() context: Context,
      @Info() info: GraphQLResolveInfo,
    ): S {
      const dimensions = checkDimensions(groupBy);
      const plan = withPrefetch({ dimensions, ...config.source(filter, dimensions, asOf ?? undefined) }, context, info, config.groups);
      return instance(config.Stats, plan as S);
    }

    @FieldResolver(() => FigureTotal, { description: config.descriptions.total })
    total(@Root() stats: S, @Ctx() { db }: Context): Promise<FigureTotal> {
      return totalOfPlan(db, stats);
    }

    @FieldResolver(() => config.GroupConnection, {
      description: 'One group per distinct key, sorted (default: best total, largest first) and paginated. Empty without groupBy.',
    })
    async groups(
      @Root() stats: S,
      @Args(() => PageArgs) page: PageArgs,
      @Arg('orderBy', () => StatsOrder, { nullable: true, description: 'Sort order; default BEST, descending.' })
      orderBy: StatsOrder | null,
      @Ctx() context: Context,
    ): Promise<ConnectionData<G>> {
      const result = await (stats.prefetched ?? groupPage(context, stats, config.groups, page, orderBy));
      return result.connection;
    }
  }
  return StatsResolver;
}

export const toCasualtyGroup = (row: GroupRow): CasualtyGroup => ({
  key: instance(CasualtyGroupKey, {
    countryCode: text(row.key_country),
    eventId: id(row.key_event),
    actorId: id(row.key_actor),
    day: text(row.key_day),
    month: text(row.key_month),
    kind: (row.key_kind ?? null) as CasualtyGroupKey['kind'],
    qualifier: (row.key_qualifier ?? null) as CasualtyGroupKey['qualifier'],
    year: id(row.key_year),
    eventKind: (row.key_event_kind ?? null) as CasualtyGroupKey['eventKind'],
    datasetId: id(row.key_dataset),
  }),
  total: toFigureTotal(row),
});

export const CasualtyStatsResolver = statsResolver<CasualtyDimension, CasualtyGroup, CasualtyFilter, CasualtyStats>({
  query: 'casualtyStats',
  Stats: CasualtyStats,
  GroupConnection: CasualtyGroupConnection,
  Filter: CasualtyFilter,
  Dimension: CasualtyDimension,
  descriptions: {
    query:
      'Casualty figures summed honestly (low / best / high, unknown sizes counted) over the records matching the filter, ' +
      'in total and grouped by up to three dimensions. Computed in SQL.',
    filter: 'Which casualty records to sum (same filter as `casualties`).',
    total: 'The total over every matching record.',
  },
  source: casualtySource,
  groups: { name: 'casualtyStats.groups', dimensionSql: casualtyDimensionSql, toGroup: toCasualtyGroup },
});

@Resolver(() => CasualtyGroupKey)
export class CasualtyGroupKeyResolver {
  @FieldResolver(() => Country, { nullable: true, description: "The victims' country, when grouped by COUNTRY." })
  async country(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, key.countryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event, when grouped by EVENT.' })
  async event(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Event | null> {
    const row = await loadOptional(loaders.event, key.eventId);
    return row && toEvent(row);
  }

  @FieldResolver(() => Actor, { nullable: true, description: "The victims' force or group, when grouped by ACTOR." })
  async actor(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, key.actorId);
    return row && toActor(row);
  }
}

const toTroopGroup = (row: GroupRow): TroopGroup => ({
  key: instance(TroopGroupKey, {
    forceCountryCode: text(row.key_force_country),
    destinationCountryCode: text(row.key_destination_country),
    destinationId: id(row.key_destination),
    eventId: id(row.key_event),
    status: (row.key_status ?? null) as TroopGroupKey['status'],
    day: text(row.key_day),
    datasetId: id(row.key_dataset),
  }),
  total: toFigureTotal(row),
});

export const TroopStatsResolver = statsResolver<DeploymentDimension, TroopGroup, DeploymentFilter, TroopStats>({
  query: 'troopStats',
  Stats: TroopStats,
  GroupConnection: TroopGroupConnection,
  Filter: DeploymentFilter,
  Dimension: DeploymentDimension,
  descriptions: {
    query:
      'Troop figures summed honestly over the deployment reports matching the filter (each movement once, at its latest ' +
      'status, unless superseded reports are included), in total and grouped by up to three dimensions. Computed in SQL.',
    filter: 'Which reports to sum (same filter as `deployments`).',
    total: 'The total over every matching report.',
  },
  source: (filter, _dimensions, asOf) => ({
    where: and(...deploymentConditions(filter, false, asOf)),
    source: asOf ? factsOf(deploymentsAsOf(asOf)) : deploymentFacts,
  }),
  groups: { name: 'troopStats.groups', dimensionSql: deploymentDimensionSql, toGroup: toTroopGroup },
});

@Resolver(() => TroopGroupKey)
export class TroopGroupKeyResolver {
  @FieldResolver(() => Country, { nullable: true, description: 'Whose troops, when grouped by FORCE_COUNTRY.' })
  async forceCountry(@Root() key: TroopGroupKey, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, key.forceCountryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'Destination country, when grouped by DESTINATION_COUNTRY.' })
  async destinationCountry(@Root() key: TroopGroupKey, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, key.destinationCountryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Location, { nullable: true, description: 'Destination place or region, when grouped by DESTINATION.' })
  async destination(@Root() key: TroopGroupKey, @Ctx() { loaders }: Context): Promise<Location | null> {
    const row = await loadOptional(loaders.location, key.destinationId);
    return row && toLocation(row);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The related event, when grouped by EVENT.' })
  async event(@Root() key: TroopGroupKey, @Ctx() { loaders }: Context): Promise<Event | null> {
    const row = await loadOptional(loaders.event, key.eventId);
    return row && toEvent(row);
  }
}

@Resolver(() => CasualtySeries)
export class CasualtySeriesResolver {
  @Query(() => CasualtySeries, {
    description:
      "Casualty totals over time: one point per interval from the start to the end of the filter's date range " +
      '(or of the data), empty intervals as zeros; at most 1000 points. Records dated too coarsely for the interval are in `unplaced`.',
  })
  @Reads()
  @Cost('aggregate')
  async casualtySeries(
    @Arg('filter', () => CasualtyFilter, {
      nullable: true,
      description: 'Which casualty records to sum; its date range bounds the series.',
    })
    filter: CasualtyFilter | null,
    @Arg('interval', () => SeriesInterval, { description: 'Width of each point.' }) interval: SeriesInterval,
    @Arg('cumulative', () => Boolean, { defaultValue: false, description: 'Each point includes all earlier ones (running total).' })
    cumulative: boolean,
    @Arg('asOf', () => GraphQLDateTime, asOfArg) asOf: Date | null,
    @Ctx() { db }: Context,
  ): Promise<CasualtySeries> {
    const where = and(...casualtyConditions(filter));
    const table = asOf ? casualtiesAsOf(asOf) : casualties;
    checkSeriesRange(interval, filter?.occurred?.from, filter?.occurred?.to);
    const rows = await seriesOf(db, table, where, interval, cumulative, filter?.occurred?.from, filter?.occurred?.to);
    return { interval, cumulative, where, table, points: rows.map((row) => ({ start: row.start, total: toFigureTotal(row) })) };
  }

  @FieldResolver(() => FigureTotal, {
    description:
      'Records matching the filter whose dates are too imprecise for the interval (e.g. known only to the month in a DAY series).',
  })
  async unplaced(@Root() series: CasualtySeries, @Ctx() { db }: Context): Promise<FigureTotal> {
    return toFigureTotal(await unplacedOf(db, series.table, series.where, series.interval));
  }
}
