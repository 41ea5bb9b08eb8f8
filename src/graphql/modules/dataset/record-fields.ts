import { Ctx, Field, FieldResolver, Int, ObjectType, registerEnumType, Resolver, Root, type ClassType } from 'type-graphql';
import * as db from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { Event } from '../event/event.type.js';
import { Casualty } from '../casualty/casualty.type.js';
import { Deployment } from '../deployment/deployment.type.js';
import { Quote } from '../quote/quote.type.js';
import { Reaction } from '../reaction/reaction.type.js';
import { Actor } from '../actor/actor.type.js';
import { Location } from '../location/location.type.js';
import { CasualtyGroupKey, TroopGroupKey } from '../stats/stats.type.js';
import { Dataset } from './dataset.type.js';
import { loadDataset } from './dataset.resolver.js';

/**
 * Fields records gain from imports (issue 16): the dataset each came from, and what UCDP GED
 * says beyond the common model. Kept here, next to Dataset, so the record modules stay as they were.
 */

export type LocationPrecision = (typeof db.locationPrecision.enumValues)[number];
export const LocationPrecision = Object.fromEntries(db.locationPrecision.enumValues.map((v) => [v, v])) as {
  [K in LocationPrecision]: K;
};
registerEnumType(LocationPrecision, {
  name: 'LocationPrecision',
  description: 'How precisely a place is located (UCDP GED `where_prec` 1-7).',
  valuesConfig: {
    EXACT: { description: '1: the exact location.' },
    WITHIN_25_KM: { description: '2: within about 25 km of the point.' },
    ADM2: { description: '3: only the second-order administrative division (district) is known.' },
    ADM1: { description: '4: only the first-order administrative division (province) is known.' },
    FUZZY_AREA: { description: '5: a linear feature or a fuzzy area (a road, a border region).' },
    COUNTRY: { description: '6: only the country is known; the point is its centre.' },
    INTERNATIONAL: { description: '7: international waters or airspace.' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description: 'Who died, as the source breaks a casualty figure down (UCDP GED): the parts add up to its best estimate.',
})
@ReadsNoRows()
export class DeathBreakdown {
  @Field(() => Int, { description: 'Deaths on side A of the dyad.' })
  sideA!: number;

  @Field(() => Int, { description: 'Deaths on side B (0 in one-sided violence, where side B is the civilians targeted).' })
  sideB!: number;

  @Field(() => Int, { description: 'Civilian deaths.' })
  civilians!: number;

  @Field(() => Int, { description: 'Deaths the source could not attribute.' })
  unknown!: number;
}

const datasetField = { nullable: true, description: 'The dataset it was imported from; null for records written outside an import.' };

@Resolver(() => Event)
export class EventImportFieldsResolver {
  @FieldResolver(() => Dataset, datasetField)
  @Reads(db.events, 'datasetId')
  dataset(@Root() { row }: Event, @Ctx() context: Context): Promise<Dataset | null> {
    return loadDataset(context, row.datasetId);
  }

  @FieldResolver(() => String, { nullable: true, description: "The event's id in its dataset (UCDP GED `id`)." })
  @Reads(db.events, 'externalId')
  externalId(@Root() { row }: Event): string | null {
    return row.externalId;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The conflict, as its dataset names it (UCDP GED `conflict_name`).' })
  @Reads(db.events, 'conflictName')
  conflictName(@Root() { row }: Event): string | null {
    return row.conflictName;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The two sides, as its dataset names them (UCDP GED `dyad_name`).' })
  @Reads(db.events, 'dyadName')
  dyadName(@Root() { row }: Event): string | null {
    return row.dyadName;
  }
}

@Resolver(() => Casualty)
export class CasualtyImportFieldsResolver {
  @FieldResolver(() => Dataset, datasetField)
  @Reads(db.casualties, 'datasetId')
  dataset(@Root() { row }: Casualty, @Ctx() context: Context): Promise<Dataset | null> {
    return loadDataset(context, row.datasetId);
  }

  @FieldResolver(() => DeathBreakdown, { nullable: true, description: 'Who died (sides, civilians, unknown), when the source says.' })
  @Reads(db.casualties, 'deathsSideA', 'deathsSideB', 'deathsCivilians', 'deathsUnknown')
  breakdown(@Root() { row }: Casualty): DeathBreakdown | null {
    if (row.deathsSideA === null || row.deathsSideB === null || row.deathsCivilians === null || row.deathsUnknown === null) return null;
    return { sideA: row.deathsSideA, sideB: row.deathsSideB, civilians: row.deathsCivilians, unknown: row.deathsUnknown };
  }

  @FieldResolver(() => Boolean, {
    description:
      "True when the source's best estimate lay outside its own low..high (UCDP GED rows breaking low <= best <= high): " +
      '`figure` then has its bounds widened to contain best, and `reportedLow`/`reportedHigh` keep the bounds as reported.',
  })
  @Reads(db.casualties, 'bestOutsideInterval')
  bestOutsideInterval(@Root() { row }: Casualty): boolean {
    return row.bestOutsideInterval;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The low estimate exactly as the dataset reported it.' })
  @Reads(db.casualties, 'reportedLow')
  reportedLow(@Root() { row }: Casualty): number | null {
    return row.reportedLow;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The high estimate exactly as the dataset reported it.' })
  @Reads(db.casualties, 'reportedHigh')
  reportedHigh(@Root() { row }: Casualty): number | null {
    return row.reportedHigh;
  }
}

/** `dataset` on a record type whose rows carry dataset_id: one resolver class per type, built alike. */
function datasetFieldOf<T extends { row: { datasetId: number | null } }>(
  type: ClassType<T>,
  table: typeof db.deployments | typeof db.quotes | typeof db.reactions | typeof db.actors,
  description = datasetField.description,
): ClassType {
  @Resolver(() => type)
  class DatasetFieldResolver {
    @FieldResolver(() => Dataset, { nullable: true, description })
    @Reads(table, 'datasetId')
    dataset(@Root() { row }: T, @Ctx() context: Context): Promise<Dataset | null> {
      return loadDataset(context, row.datasetId);
    }
  }
  return DatasetFieldResolver;
}

@Resolver(() => Location)
export class LocationImportFieldsResolver {
  @FieldResolver(() => LocationPrecision, {
    nullable: true,
    description: 'How precisely the coordinates locate the place, when the source says.',
  })
  @Reads(db.locations, 'precision')
  precision(@Root() { row }: Location): LocationPrecision | null {
    return row.precision;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'First-order administrative division (province, state), as the source names it.',
  })
  @Reads(db.locations, 'adm1')
  adm1(@Root() { row }: Location): string | null {
    return row.adm1;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Second-order administrative division (district), as the source names it.' })
  @Reads(db.locations, 'adm2')
  adm2(@Root() { row }: Location): string | null {
    return row.adm2;
  }
}

@Resolver(() => CasualtyGroupKey)
export class CasualtyGroupDatasetResolver {
  @FieldResolver(() => Dataset, { nullable: true, description: 'The dataset, when grouped by DATASET.' })
  dataset(@Root() key: CasualtyGroupKey, @Ctx() context: Context): Promise<Dataset | null> {
    return loadDataset(context, key.datasetId);
  }
}

@Resolver(() => TroopGroupKey)
export class TroopGroupDatasetResolver {
  @FieldResolver(() => Dataset, { nullable: true, description: 'The dataset, when grouped by DATASET.' })
  dataset(@Root() key: TroopGroupKey, @Ctx() context: Context): Promise<Dataset | null> {
    return loadDataset(context, key.datasetId);
  }
}

export const importFieldResolvers = [
  datasetFieldOf(Deployment, db.deployments),
  datasetFieldOf(Quote, db.quotes),
  datasetFieldOf(Reaction, db.reactions),
  datasetFieldOf(Actor, db.actors, 'The dataset that first wrote the actor; null when none did.'),
  CasualtyGroupDatasetResolver,
  TroopGroupDatasetResolver,
  EventImportFieldsResolver,
  CasualtyImportFieldsResolver,
  LocationImportFieldsResolver,
] as const;
