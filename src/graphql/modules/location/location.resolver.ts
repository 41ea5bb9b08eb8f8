import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { loadOptional } from '../../loaders.js';
import { Country, toCountry } from '../country/country.type.js';
import { Location, locationShape } from './location.type.js';

@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country of a place in exactly one; null for regions such as "the Middle East" and for places in several countries.',
    deprecationReason: 'A place can lie in several countries: use `countries`.',
  })
  @locationShape.Reads('countryCode')
  async country(@Root() location: Location, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, location.row.countryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => [Country], {
    description: 'Every country the place lies in, by name: several for a place the source puts in more than one, none for a region.',
  })
  @locationShape.Reads('id')
  async countries(@Root() location: Location, @Ctx() { loaders }: Context): Promise<Country[]> {
    return (await loaders.countriesByLocation.load(location.row.id)).map(toCountry);
  }
}
