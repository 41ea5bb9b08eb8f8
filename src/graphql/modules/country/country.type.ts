import { Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../common/scalars.js';
import type { CountryRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { countries } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, description: 'A country (ISO 3166-1).' })
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 code, e.g. `IR`.' })
  code!: string;

  @Field(() => String, { description: 'English short name, e.g. "Iran".' })
  name!: string;
}

declareColumnReads('Country', { code: [reads(countries, 'code')], name: [reads(countries, 'name')] });

export const toCountry = (row: CountryRow): Country => instance(Country, { code: row.code, name: row.name });
