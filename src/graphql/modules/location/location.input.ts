import { Field, Float, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { sql } from 'drizzle-orm';
import { queryRows, textList, type Database } from '../../../db/client.js';
import type { Outcome } from '../../../write/transaction.js';
import { userError, UserErrorCode, type UserErrorValue } from '../../../write/user-error.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { LocationPrecision } from '../dataset/record-fields.js';

@InputType({ description: 'Where something happened, as the source places it: a name, its countries, and a point when known.' })
export class LocationInput {
  @Field(() => String, { description: 'The place as the source describes it ("Iraqi military compound near Kirkuk").' })
  @Length(1, 300)
  name!: string;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'The countries it lies in: one for a city, several for a border area, none for a region such as "the Middle East".',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  countries?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 latitude; give both coordinates or neither.' })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 longitude; give both coordinates or neither.' })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => LocationPrecision, { nullable: true, description: 'How precisely the point locates the place, when the source says.' })
  @IsOptional()
  precision?: LocationPrecision | null;

  @Field(() => String, { nullable: true, description: 'The province or state, as the source names it.' })
  @IsOptional()
  @MaxLength(200)
  adm1?: string | null;

  @Field(() => String, { nullable: true, description: 'The district, as the source names it.' })
  @IsOptional()
  @MaxLength(200)
  adm2?: string | null;
}

/** Rules the database also enforces (locations_coordinates_valid), checked first so they come back with a field path. */
export function locationErrors(input: LocationInput, field: string[]): UserErrorValue[] {
  const errors: UserErrorValue[] = [];
  if (((input.latitude ?? null) === null) !== ((input.longitude ?? null) === null))
    errors.push(
      userError([...field, input.latitude == null ? 'latitude' : 'longitude'], UserErrorCode.INVALID, 'Give both coordinates or neither.'),
    );
  const countries = input.countries ?? [];
  countries.forEach((code, i) => {
    if (countries.indexOf(code) !== i)
      errors.push(userError([...field, 'countries', String(i)], UserErrorCode.INVALID, `${code} is named twice.`));
  });
  return errors;
}

/**
 * Writes a new place (a location and its countries) in the mutation's transaction; its row id, or
 * the unknown country codes. Its single country, if it has one, is also the place's own (as the
 * importers write places: `Location.country` is null for a place in several countries).
 */
export async function writeLocation(tx: Database, input: LocationInput, field: string[]): Promise<Outcome<number>> {
  const countries = input.countries ?? [];
  if (countries.length) {
    const known = new Set(
      (await queryRows<{ code: string }>(tx, sql`SELECT code FROM countries WHERE code = ANY(${textList(countries)})`)).map((r) => r.code),
    );
    const unknown = countries.flatMap((code, i) =>
      known.has(code) ? [] : [userError([...field, 'countries', String(i)], UserErrorCode.NOT_FOUND, `No country has the code ${code}.`)],
    );
    if (unknown.length) return { userErrors: unknown };
  }
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`INSERT INTO locations (name, country_code, latitude, longitude, location_precision, adm_1, adm_2)
        VALUES (${input.name}, ${countries.length === 1 ? countries[0]! : null}, ${input.latitude ?? null}, ${input.longitude ?? null},
                ${input.precision ?? null}, ${input.adm1 ?? null}, ${input.adm2 ?? null})
        RETURNING id`,
  );
  const id = Number(row!.id);
  if (countries.length) {
    await tx.execute(sql`INSERT INTO location_countries (location_id, country_code)
                         SELECT ${id}, code FROM unnest(${textList(countries)}) AS code`);
  }
  return { ok: id };
}
