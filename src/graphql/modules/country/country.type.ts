import { Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../common/scalars.js';
import type { CountryRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { countries } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, description: 'A country (ISO 3166-1).' })
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 code, e.g. `IR`.' })
  @Reads(countries, 'code')
  code!: string;

  @Field(() => String, { description: 'English short name, e.g. "Iran".' })
  @Reads(countries, 'name')
  name!: string;
}

export const toCountry = (row: CountryRow): Country => instance(Country, { code: row.code, name: row.name });
