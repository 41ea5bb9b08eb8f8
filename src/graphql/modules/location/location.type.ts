import { Field, Float, ObjectType } from 'type-graphql';
import { instance } from '../../common/instance.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { locations } from '../../../db/schema/index.js';

/** The columns Location values are built from (see RowShape). */
export const locationShape = rowShape(locations, ['name', 'latitude', 'longitude', 'countryCode', 'id', 'precision', 'adm1', 'adm2']);
export type LocationRead = RowOf<typeof locationShape>;

@ObjectType({ simpleResolvers: true, description: 'A place: a facility, a city, a country as a whole, or a region.' })
@locationShape.Type()
export class Location {
  @Field(() => String, { description: 'Name as the source describes it ("Iraqi military compound near Kirkuk").' })
  @locationShape.Reads('name')
  name!: string;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude, when the place is a point.' })
  @locationShape.Reads('latitude')
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude, when the place is a point.' })
  @locationShape.Reads('longitude')
  longitude!: number | null;

  row!: LocationRead;
}

export const toLocation = (row: LocationRead): Location =>
  instance(Location, { name: row.name, latitude: row.latitude, longitude: row.longitude, row });
