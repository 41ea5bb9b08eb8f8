import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { and, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { casualties, deployments } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { decodeOffsetCursor, offsetCursor, pageSize } from '../../common/paginate.js';
import { loadOptional } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Country, toCountry } from '../country/country.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Location, toLocation } from '../location/location.type.js';
import { CasualtyFilter } from '../casualty/casualty.input.js';
import { casualtyConditions } from '../casualty/casualty.filter.js';
import { DeploymentFilter } from '../deployment/deployment.input.js';
import { deploymentConditions } from '../deployment/deployment.filter.js';
import { FigureTotal, toFigureTotal } from './figure-total.js';
import { CasualtyDimension, DeploymentDimension, SeriesInterval, StatsOrder } from './stats.input.js';
import {
  CasualtyGroup, CasualtyGroupConnection, CasualtyGroupKey, CasualtySeries, CasualtyStats,
  TroopGroup, TroopGroupConnection, TroopGroupKey, TroopStats,
} from './stats.type.js';
import { checkDimensions, dayKey, groupsOf, monthKey, seriesOf, totalOf, unplacedOf, type DimensionSql, type GroupRow } from './stats.sql.js';

const casualtyDimensionSql: Record<CasualtyDimension, DimensionSql> = {
  [CasualtyDimension.COUNTRY]: { alias: 'country_code', expression: sql`victim_country_code` },
  [CasualtyDimension.EVENT]: { alias: 'event_id', expression: sql`event_id` },
  [CasualtyDimension.DAY]: { alias: 'day', expression: dayKey },
  [CasualtyDimension.MONTH]: { alias: 'month', expression: monthKey },
  [CasualtyDimension.KIND]: { alias: 'kind', expression: sql`kind` },
  [CasualtyDimension.ACTOR]: { alias: 'actor_id', expression: sql`affiliated_actor_id` },
  [CasualtyDimension.QUALIFIER]: { alias: 'qualifier', expression: sql`figure_qualifier` },
};

const deploymentDimensionSql: Record<DeploymentDimension, DimensionSql> = {
  [DeploymentDimension.FORCE_COUNTRY]: { alias: 'force_country_code', expression: sql`force_country_code` },
  [DeploymentDimension.DESTINATION_COUNTRY]: { alias: 'destination_country_code', expression: sql`destination_country_code` },
  [DeploymentDimension.DESTINATION]: { alias: 'destination_id', expression: sql`destination_location_id` },
  [DeploymentDimension.STATUS]: { alias: 'status', expression: sql`status` },
  [DeploymentDimension.DAY]: { alias: 'day', expression: dayKey },
  [DeploymentDimension.EVENT]: { alias: 'event_id', expression: sql`event_id` },
};

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const id = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * A page of groups as a connection: one statement (groupsOf), cursors by position, and the
 * group count from the statement's window column, so totalCount costs nothing extra.
 */
async function groupPage<D extends string, G>(
  { db, config }: Context,
  table: PgTable,
  stats: { dimensions: D[]; where: SQL | undefined },
  dimensionSql: Record<D, DimensionSql>,
  { first, after }: PageArgs,
  orderBy: StatsOrder | null,
  toGroup: (row: GroupRow) => G,
): Promise<ConnectionData<G>> {
  const size = pageSize(first, config.maxPageSize);
  const offset = decodeOffsetCursor(after);
  const rows = stats.dimensions.length === 0
    ? []
    : await groupsOf(db, table, stats.where, stats.dimensions.map((d) => dimensionSql[d]), orderBy, size + 1, offset);
  const edges = rows.slice(0, size).map((row, i) => ({ node: toGroup(row), cursor: offsetCursor(offset + i) }));
  const groupCount = Number(rows[0]?.group_count ?? 0);
  return {
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
}

@Resolver(() => CasualtyStats)
export class CasualtyStatsResolver {
  @Query(() => CasualtyStats, {
    description:
      'Casualty figures summed honestly (low / best / high, unknown sizes counted) over the records matching the filter, ' +
      'in total and grouped by up to three dimensions. Computed in SQL.',
  })
  casualtyStats(
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Which casualty records to sum (same filter as `casualties`).' }) filter: CasualtyFilter | null,
    @Arg('groupBy', () => [CasualtyDimension], { nullable: true, description: 'Up to three distinct dimensions; empty or absent: totals only.' })
    groupBy: CasualtyDimension[] | null,
  ): CasualtyStats {
    return { dimensions: checkDimensions(groupBy), where: and(...casualtyConditions(filter)) };
  }

  @FieldResolver(() => FigureTotal, { description: 'The total over every matching record.' })
  async total(@Root() stats: CasualtyStats, @Ctx() { db }: Context): Promise<FigureTotal> {
    return toFigureTotal(await totalOf(db, casualties, stats.where));
  }

  @FieldResolver(() => CasualtyGroupConnection, { description: 'One group per distinct key, sorted (default: best total, largest first) and paginated. Empty without groupBy.' })
  async groups(
    @Root() stats: CasualtyStats,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => StatsOrder, { nullable: true, description: 'Sort order; default BEST, descending.' }) orderBy: StatsOrder | null,
    @Ctx() context: Context,
  ): Promise<ConnectionData<CasualtyGroup>> {
    return groupPage(context, casualties, stats, casualtyDimensionSql, page, orderBy, (row) => ({
      key: {
        countryCode: text(row.country_code),
        eventId: id(row.event_id),
        actorId: id(row.actor_id),
        day: text(row.day),
        month: text(row.month),
        kind: (row.kind ?? null) as CasualtyGroupKey['kind'],
        qualifier: (row.qualifier ?? null) as CasualtyGroupKey['qualifier'],
      },
      total: toFigureTotal(row),
    }));
  }
}

@Resolver(() => CasualtyGroupKey)
export class CasualtyGroupKeyResolver {
  @FieldResolver(() => Country, { nullable: true, description: 'The victims\' country, when grouped by COUNTRY.' })
  async country(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, key.countryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event, when grouped by EVENT.' })
  async event(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Event | null> {
    const row = await loadOptional(loaders.event, key.eventId);
    return row && toEvent(row);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The victims\' force or group, when grouped by ACTOR.' })
  async actor(@Root() key: CasualtyGroupKey, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, key.actorId);
    return row && toActor(row);
  }
}

@Resolver(() => TroopStats)
export class TroopStatsResolver {
  @Query(() => TroopStats, {
    description:
      'Troop figures summed honestly over the deployment reports matching the filter (each movement once, at its latest ' +
      'status, unless superseded reports are included), in total and grouped by up to three dimensions. Computed in SQL.',
  })
  troopStats(
    @Arg('filter', () => DeploymentFilter, { nullable: true, description: 'Which reports to sum (same filter as `deployments`).' }) filter: DeploymentFilter | null,
    @Arg('groupBy', () => [DeploymentDimension], { nullable: true, description: 'Up to three distinct dimensions; empty or absent: totals only.' })
    groupBy: DeploymentDimension[] | null,
  ): TroopStats {
    return { dimensions: checkDimensions(groupBy), where: and(...deploymentConditions(filter)) };
  }

  @FieldResolver(() => FigureTotal, { description: 'The total over every matching report.' })
  async total(@Root() stats: TroopStats, @Ctx() { db }: Context): Promise<FigureTotal> {
    return toFigureTotal(await totalOf(db, deployments, stats.where));
  }

  @FieldResolver(() => TroopGroupConnection, { description: 'One group per distinct key, sorted (default: best total, largest first) and paginated. Empty without groupBy.' })
  async groups(
    @Root() stats: TroopStats,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => StatsOrder, { nullable: true, description: 'Sort order; default BEST, descending.' }) orderBy: StatsOrder | null,
    @Ctx() context: Context,
  ): Promise<ConnectionData<TroopGroup>> {
    return groupPage(context, deployments, stats, deploymentDimensionSql, page, orderBy, (row) => ({
      key: {
        forceCountryCode: text(row.force_country_code),
        destinationCountryCode: text(row.destination_country_code),
        destinationId: id(row.destination_id),
        eventId: id(row.event_id),
        status: (row.status ?? null) as TroopGroupKey['status'],
        day: text(row.day),
      },
      total: toFigureTotal(row),
    }));
  }
}

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
      'Casualty totals over time: one point per interval from the start to the end of the filter\'s date range ' +
      '(or of the data), empty intervals as zeros; at most 1000 points. Records dated too coarsely for the interval are in `unplaced`.',
  })
  async casualtySeries(
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Which casualty records to sum; its date range bounds the series.' }) filter: CasualtyFilter | null,
    @Arg('interval', () => SeriesInterval, { description: 'Width of each point.' }) interval: SeriesInterval,
    @Arg('cumulative', () => Boolean, { defaultValue: false, description: 'Each point includes all earlier ones (running total).' }) cumulative: boolean,
    @Ctx() { db }: Context,
  ): Promise<CasualtySeries> {
    const where = and(...casualtyConditions(filter));
    const rows = await seriesOf(db, casualties, where, interval, cumulative, filter?.occurred?.from, filter?.occurred?.to);
    return { interval, cumulative, where, points: rows.map((row) => ({ start: row.start, total: toFigureTotal(row) })) };
  }

  @FieldResolver(() => FigureTotal, { description: 'Records matching the filter whose dates are too imprecise for the interval (e.g. known only to the month in a DAY series).' })
  async unplaced(@Root() series: CasualtySeries, @Ctx() { db }: Context): Promise<FigureTotal> {
    return toFigureTotal(await unplacedOf(db, casualties, series.where, series.interval));
  }
}
