import { Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../../common/scalars.js';
import { instance } from '../../common/instance.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { countries } from '../../../db/schema/index.js';

/** The columns Country values are built from (see RowShape). */
export const countryShape = rowShape(countries, ['code', 'name']);
export type CountryRead = RowOf<typeof countryShape>;

@ObjectType({ simpleResolvers: true, description: 'A country (ISO 3166-1).' })
@countryShape.Type()
export class Country {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 code, e.g. `IR`.' })
  @countryShape.Reads('code')
  code!: string;

  @Field(() => String, { description: 'English short name, e.g. "Iran".' })
  @countryShape.Reads('name')
  name!: string;
}

export const toCountry = (row: CountryRead): Country => instance(Country, { code: row.code, name: row.name });
