import { Field, Float, ObjectType } from 'type-graphql';
import type { LocationRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { locations } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, description: 'A place: a facility, a city, a country as a whole, or a region.' })
export class Location {
  @Field(() => String, { description: 'Name as the source describes it ("Iraqi military compound near Kirkuk").' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude, when the place is a point.' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude, when the place is a point.' })
  longitude!: number | null;

  row!: LocationRow;
}

// What each field reads of rows (see projection.ts); country's and countries' resolvers are in location.resolver.ts.
declareColumnReads('Location', {
  name: [reads(locations, 'name')],
  latitude: [reads(locations, 'latitude')],
  longitude: [reads(locations, 'longitude')],
  country: [reads(locations, 'countryCode')],
  countries: [reads(locations, 'id')],
});

export const toLocation = (row: LocationRow): Location =>
  instance(Location, { name: row.name, latitude: row.latitude, longitude: row.longitude, row });
