import { intList } from '../../../db/client.js';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { and, sql, type SQL } from 'drizzle-orm';
import { viewerLoaders, type Context } from '../../context.js';
import { instance } from '../../common/instance.js';
import { Cost, Reads, ReadsNoRows } from '../../common/projection.js';
import { DEFAULT_PAGE_SIZE, pageSize } from '../../common/paginate.js';
import { CasualtyFilter } from '../casualty/casualty.input.js';
import { casualtyList } from '../casualty/casualty.subscription.js';
import { EventQueue, liveOf, matchingIds } from '../live/stream.js';
import { FigureTotal, toFigureTotal } from './figure-total.js';
import { casualtySource } from './rollup.js';
import { CasualtyDimension } from './stats.input.js';
import { casualtyDimensionSql, toCasualtyGroup } from './stats.resolver.js';
import { checkDimensions, groupsOf, totalOf, type StatsSource } from './stats.sql.js';
import { CasualtyGroup } from './stats.type.js';

/** Changed records since the last message: how many, and their ids (null when there were too many to keep: every group is sent). */
interface Changed {
  count: number;
  ids: Set<number> | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'New casualty totals after records matching the filter changed: the filter’s total and each group the changes touched.',
})
@ReadsNoRows()
export class CasualtyStatsChange {
  @Field(() => Int, { description: 'How many records changed since the previous message (coalesced over LIVE_STATS_INTERVAL_MS).' })
  changedRecords!: number;

  dimensions!: CasualtyDimension[];
  where!: SQL | undefined;
  source!: StatsSource;
  /** The changed records' ids; null: all groups. */
  ids!: Set<number> | null;
}

/**
 * Restricts the facts to the groups the changed records fall in: the group key of each fact
 * (a JSON array, so NULL keys compare equal) among the keys of the changed records. The same
 * dimension expressions serve both sides: inside the subquery they name its `casualties` columns.
 */
function changedGroups(dimensions: CasualtyDimension[], ids: Set<number>): SQL {
  const keys = sql.join(
    dimensions.map((d) => casualtyDimensionSql[d].expression),
    sql`, `,
  );
  return sql`jsonb_build_array(${keys}) IN (SELECT jsonb_build_array(${keys}) FROM casualties WHERE id = ANY(${intList(ids)}))`;
}

/**
 * Coalesces the casualty changes that match the filter: the first goes out at once, later ones
 * wait so that one subscription gets at most one message per LIVE_STATS_INTERVAL_MS; a message
 * the client has not taken yet absorbs newer changes instead of queueing behind them.
 */
function statsEvents(context: Context, filter: CasualtyFilter | null): EventQueue<Changed> {
  const { hub, connection } = liveOf(context);
  casualtyList.conditions(filter, false); // a malformed filter is refused when subscribing
  let changed: Changed = { count: 0, ids: new Set() };
  let timer: NodeJS.Timeout | undefined;
  let lastSent = -Infinity;
  let chain = Promise.resolve();
  const queue = new EventQueue<Changed>(connection, () => {
    stop();
    clearTimeout(timer);
  });
  /** Adds `ids` to `into`; past LIVE_MAX_PENDING_EVENTS ids it keeps only the count (memory stays bounded). */
  const merge = (into: Changed, ids: Iterable<number> | null, count: number): Changed => {
    into.count += count;
    if (into.ids && ids) for (const id of ids) into.ids.add(id);
    if (!ids || (into.ids && into.ids.size > connection.maxPendingEvents)) into.ids = null;
    return into;
  };
  const flush = () => {
    timer = undefined;
    if (changed.count === 0) return;
    const waiting = queue.peekLast();
    if (waiting) merge(waiting, changed.ids, changed.count);
    else queue.push(changed);
    changed = { count: 0, ids: new Set() };
    lastSent = Date.now();
  };
  const stop = hub.onChange('Casualty', (message) => {
    if (connection.draining) return;
    chain = chain.then(async () => {
      let ids: Set<number>;
      try {
        ids = await matchingIds(context.db, message, casualtyList, filter);
      } catch (err) {
        context.logger.warn({ err }, 'live updates: could not check a change against a statistics subscription');
        return;
      }
      if (ids.size === 0) return;
      merge(changed, ids, ids.size);
      timer ??= setTimeout(flush, Math.max(0, lastSent + connection.statsIntervalMs - Date.now()));
    });
  });
  return queue;
}

@Resolver(() => CasualtyStatsChange)
export class CasualtyStatsSubscriptionResolver {
  @Subscription(() => CasualtyStatsChange, {
    description:
      'New casualty totals whenever records matching the filter are reported, revised or retracted: the total and the groups ' +
      'that changed (same filter and groupBy as `casualtyStats`), at most one message per LIVE_STATS_INTERVAL_MS (250 ms).',
    subscribe: ({ args, context }) => {
      const { filter, groupBy } = args as { filter?: CasualtyFilter | null; groupBy?: CasualtyDimension[] | null };
      checkDimensions(groupBy);
      return statsEvents(context as Context, filter ?? null);
    },
  })
  @Reads()
  @Cost('aggregate')
  casualtyStatsChanged(
    @Root() changed: Changed,
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Which casualty records to sum (same filter as `casualties`).' })
    filter: CasualtyFilter | null,
    @Arg('groupBy', () => [CasualtyDimension], {
      nullable: true,
      description: 'Up to three distinct dimensions; empty or absent: the total only.',
    })
    groupBy: CasualtyDimension[] | null,
    @Ctx() context: Context,
  ): CasualtyStatsChange {
    const dimensions = checkDimensions(groupBy);
    // The groups' countries and events as they are now, not as first read.
    context.loaders = viewerLoaders(context.db, context.viewer);
    return instance(CasualtyStatsChange, {
      changedRecords: changed.count,
      dimensions,
      ...casualtySource(filter, dimensions),
      ids: changed.ids,
    });
  }

  @FieldResolver(() => FigureTotal, { description: 'The new total over every record matching the filter.' })
  async total(@Root() stats: CasualtyStatsChange, @Ctx() { db }: Context): Promise<FigureTotal> {
    return toFigureTotal(await totalOf(db, stats.source, stats.where));
  }

  @FieldResolver(() => [CasualtyGroup], {
    description:
      'The groups the changed records fall in, with their new totals, largest best total first (all groups after a very large change). ' +
      'Empty without groupBy.',
  })
  async groups(
    @Root() stats: CasualtyStatsChange,
    @Arg('first', () => Int, { nullable: true, description: `How many groups at most; default ${DEFAULT_PAGE_SIZE}.` })
    first: number | null,
    @Ctx() { db, config }: Context,
  ): Promise<CasualtyGroup[]> {
    if (stats.dimensions.length === 0) return [];
    const size = pageSize(first, config.maxPageSize);
    const where = stats.ids ? and(stats.where, changedGroups(stats.dimensions, stats.ids)) : stats.where;
    const dimensions = stats.dimensions.map((d) => casualtyDimensionSql[d]);
    const page = await groupsOf(db, stats.source, where, dimensions, null, size, 0);
    return page.rows.map(toCasualtyGroup);
  }
}
