import { GraphQLScalarType, print } from 'graphql';
import { BadUserInputError } from '../errors.js';
import { CountryCodeResolver, LocalDateResolver } from 'graphql-scalars';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar date `YYYY-MM-DD`; graphql-scalars' LocalDate validation (rejects 2019-02-30), kept as a string end to end. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, `YYYY-MM-DD` (ISO 8601), e.g. `2020-01-03`. Impossible dates such as `2019-02-30` are rejected.',
  // Output comes from Postgres `date` columns, valid by construction: skip re-validating each one.
  serialize: (value) => (typeof value === 'string' && ISO_DATE.test(value) ? value : LocalDateResolver.serialize(value)),
});

/** Runs graphql-scalars' check, refusing with a message that says what was wrong with the code. */
function countryCode(parse: () => unknown, shown: () => string): string {
  try {
    return String(parse()).toUpperCase();
  } catch {
    throw new BadUserInputError(`${shown()} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. "IQ").`);
  }
}

/** ISO 3166-1 alpha-2 code, validated by graphql-scalars and upper-cased so `us` finds `US`. */
export const CountryCodeScalar = new GraphQLScalarType({
  ...CountryCodeResolver.toConfig(),
  name: 'CountryCode',
  description: 'An ISO 3166-1 alpha-2 country code, e.g. `IQ` for Iraq.',
  parseValue: (value) =>
    countryCode(
      () => CountryCodeResolver.parseValue(value),
      () => JSON.stringify(value) ?? String(value),
    ),
  parseLiteral: (ast, variables) =>
    countryCode(
      () => CountryCodeResolver.parseLiteral(ast, variables),
      () => print(ast),
    ),
});

/** Postgres gives `2026-11-28 03:51:00.12+00`; GraphQL's DateTime wants RFC 3339. */
export const toInstant = (text: string): Date => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
