import { Field, Float, ObjectType } from 'type-graphql';
import type { LocationRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { locations } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, description: 'A place: a facility, a city, a country as a whole, or a region.' })
export class Location {
  @Field(() => String, { description: 'Name as the source describes it ("Iraqi military compound near Kirkuk").' })
  @Reads(locations, 'name')
  name!: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude, when the place is a point.' })
  @Reads(locations, 'latitude')
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude, when the place is a point.' })
  @Reads(locations, 'longitude')
  longitude!: number | null;

  row!: LocationRow;
}

export const toLocation = (row: LocationRow): Location =>
  instance(Location, { name: row.name, latitude: row.latitude, longitude: row.longitude, row });
