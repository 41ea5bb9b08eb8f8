import { Field, Int, ObjectType } from 'type-graphql';
import { CasualtyKind, DeploymentStatus, EventKind, FigureQualifier } from '../../common/enums.js';
import { connectionTypes, type ConnectionData } from '../../common/connection.js';
import { DateScalar } from '../../common/scalars.js';
import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { StatsSource } from './stats.sql.js';
import { FigureTotal, type FigureTotalRow } from './figure-total.js';
import { CasualtyDimension, DeploymentDimension, SeriesInterval } from './stats.input.js';
import { ReadsNoRows } from '../../common/projection.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'The key of a casualty group: one field per grouped dimension (the others are null). A null value in a grouped ' +
    'dimension means the records do not say (unknown country, or a date too imprecise for the dimension).',
})
@ReadsNoRows()
export class CasualtyGroupKey {
  @Field(() => DateScalar, { nullable: true, description: 'The day, when grouped by DAY.' })
  day!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The month's first day, when grouped by MONTH." })
  month!: string | null;

  @Field(() => CasualtyKind, { nullable: true, description: 'Killed or injured, when grouped by KIND.' })
  kind!: CasualtyKind | null;

  @Field(() => FigureQualifier, { nullable: true, description: 'Figure qualifier, when grouped by QUALIFIER.' })
  qualifier!: FigureQualifier | null;

  @Field(() => Int, { nullable: true, description: 'The year, when grouped by YEAR.' })
  year!: number | null;

  @Field(() => EventKind, { nullable: true, description: "The event's kind, when grouped by EVENT_KIND." })
  eventKind!: EventKind | null;

  countryCode!: string | null;
  eventId!: number | null;
  actorId!: number | null;
  datasetId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'One group of casualty records and its honest total.' })
@ReadsNoRows()
export class CasualtyGroup {
  @Field(() => CasualtyGroupKey, { description: 'What the records of this group have in common.' })
  key!: CasualtyGroupKey;

  @Field(() => FigureTotal, { description: "The total of the group's records." })
  total!: FigureTotal;
}

export const { Connection: CasualtyGroupConnection } = connectionTypes(CasualtyGroup, 'CasualtyGroup');

@ObjectType({ simpleResolvers: true, description: 'Casualty figures summed over a filter, in total and per group.' })
@ReadsNoRows()
export class CasualtyStats {
  @Field(() => [CasualtyDimension], { description: 'The dimensions the groups are keyed by, in order.' })
  dimensions!: CasualtyDimension[];

  /** The filter as SQL, built and checked once when the query is resolved. */
  where!: SQL | undefined;
  /** The casualty rows, or their rollup when filter and grouping allow it. */
  source!: StatsSource;
  /** The groups page and grand total, when fetched together by `casualtyStats` itself. */
  prefetched?: Promise<{ connection: ConnectionData<CasualtyGroup>; total: FigureTotalRow | undefined }>;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The key of a troop group: one field per grouped dimension (the others are null). A null value in a grouped ' +
    'dimension means the records do not say (a region rather than a country, or no related event).',
})
@ReadsNoRows()
export class TroopGroupKey {
  @Field(() => DeploymentStatus, { nullable: true, description: 'Status, when grouped by STATUS.' })
  status!: DeploymentStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day, when grouped by DAY.' })
  day!: string | null;

  forceCountryCode!: string | null;
  destinationCountryCode!: string | null;
  destinationId!: number | null;
  eventId!: number | null;
  datasetId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'One group of troop deployment reports and its honest total.' })
@ReadsNoRows()
export class TroopGroup {
  @Field(() => TroopGroupKey, { description: 'What the reports of this group have in common.' })
  key!: TroopGroupKey;

  @Field(() => FigureTotal, { description: "The total of the group's reports." })
  total!: FigureTotal;
}

export const { Connection: TroopGroupConnection } = connectionTypes(TroopGroup, 'TroopGroup');

@ObjectType({
  simpleResolvers: true,
  description:
    'Troop figures summed over a filter, in total and per group. Superseded reports are excluded unless the filter ' +
    'includes them, so each troop movement counts once, at its latest status.',
})
@ReadsNoRows()
export class TroopStats {
  @Field(() => [DeploymentDimension], { description: 'The dimensions the groups are keyed by, in order.' })
  dimensions!: DeploymentDimension[];

  where!: SQL | undefined;
  source!: StatsSource;
  prefetched?: Promise<{ connection: ConnectionData<TroopGroup>; total: FigureTotalRow | undefined }>;
}

@ObjectType({ simpleResolvers: true, description: 'One interval of a time series.' })
@ReadsNoRows()
export class SeriesPoint {
  @Field(() => DateScalar, { description: 'First day of the interval.' })
  start!: string;

  @Field(() => FigureTotal, {
    description: 'Total of the interval (or up to and including it, for a cumulative series); zeros when nothing happened.',
  })
  total!: FigureTotal;
}

@ObjectType({ simpleResolvers: true, description: 'Casualty figures over time, one point per interval, empty intervals included.' })
@ReadsNoRows()
export class CasualtySeries {
  @Field(() => SeriesInterval, { description: 'Width of each point.' })
  interval!: SeriesInterval;

  @Field(() => Boolean, { description: 'Whether each point includes all earlier ones.' })
  cumulative!: boolean;

  @Field(() => [SeriesPoint], { description: 'The points, oldest first.' })
  points!: SeriesPoint[];

  /** Kept for the `unplaced` field resolver: the filter, and the rows it reads (as of a time, or now). */
  where!: SQL | undefined;
  table!: PgTable | SQL;
}

@ObjectType({ simpleResolvers: true, description: 'Casualty totals of one event or country, by kind.' })
@ReadsNoRows()
export class CasualtyTotals {
  @Field(() => FigureTotal, { description: 'People killed.' })
  killed!: FigureTotal;

  @Field(() => FigureTotal, { description: 'People injured.' })
  injured!: FigureTotal;

  @Field(() => FigureTotal, { description: 'All casualties, killed and injured together.' })
  all!: FigureTotal;
}

export { SeriesInterval };
