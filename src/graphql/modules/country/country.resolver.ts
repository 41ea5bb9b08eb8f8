import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { asc } from 'drizzle-orm';
import { countries } from '../../../db/schema/index.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import { Country, toCountry } from './country.type.js';
import { Reads } from '../../common/projection.js';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => [Country], { description: 'Every country the data refers to, by name.' })
  @Reads()
  async countries(@Ctx() { db }: Context): Promise<Country[]> {
    const rows = await db.select().from(countries).orderBy(asc(countries.name));
    return rows.map(toCountry);
  }

  @Query(() => Country, {
    nullable: true,
    description: 'One country by its ISO code; null if the data holds nothing about it. A code that is not ISO 3166-1 is BAD_USER_INPUT.',
  })
  @Reads()
  async country(
    @Arg('code', () => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 code, e.g. `IQ`.' }) code: string,
    @Ctx() { loaders }: Context,
  ): Promise<Country | null> {
    const row = await loaders.country.load(code);
    return row ? toCountry(row) : null;
  }
}
