import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { loadOptional } from '../../loaders.js';
import { Country, toCountry } from '../country/country.type.js';
import { Location } from './location.type.js';

@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => Country, { nullable: true, description: 'Country the place is in; null for regions such as "the Middle East".' })
  async country(@Root() location: Location, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, location.row.countryCode);
    return row && toCountry(row);
  }
}
