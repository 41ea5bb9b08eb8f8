import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias, getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { packedList, packedRow, rowCodec, type RowCodec } from '../../../db/json-row.js';
import { preparedStatement, prerendered, type Database } from '../../../db/client.js';
import { actors, countries, events, locations } from '../../../db/schema/index.js';
import type { ActorRow, CountryRow, LocationRow, Loaders } from '../../loaders.js';
import type { EventRead } from './event.type.js';
import { columnOf, listRelations, standingRows, type AnyListRelation, type ListRelationName } from '../../relations.js';
import { selectedFieldNames } from '../../common/selection.js';
import { projectionOf, type Projection } from '../../common/projection.js';
import { boundedCache, cacheSize } from '../../../cache.js';

/**
 * Fetching ahead. When a query asks for events together with their participants, quotes,
 * reactions, casualties, deployments or location, the statement that reads the events also
 * builds those nested lists in Postgres (correlated subqueries packed as JSON, json-row.ts), and the rows are
 * primed into the same per-request DataLoaders the field resolvers read. The resolvers do not
 * change and find their data already loaded: a whole query level costs one round trip instead
 * of one per field. Anything not planned here is still fetched by the loaders, one batch per
 * field and level.
 */

/** One packed row: the text values of the rows joined side by side (json-row.ts). */
type Packed = (string | null)[];

/** One relation of an event that can be fetched ahead. */
interface Relation {
  /** Event fields whose resolvers read this relation's loaders. */
  fields: readonly string[];
  /** A JSON value computed per `events` row. */
  column: SQL;
  /** Primes the loaders with the decoded value, exactly as their batch functions would have. */
  prime(loaders: Loaders, event: EventRead, value: unknown): void;
}

/** The event's lists that can be fetched ahead: the relation (relations.ts) and the Event fields that read it. */
const aheadLists = {
  participants: { relation: 'participantsByEvent', fields: ['participants', 'actors'] },
  quotes: { relation: 'quotesByEvent', fields: ['quotes'] },
  reactions: { relation: 'reactionsByEvent', fields: ['reactions', 'reactionsByCountry'] },
  casualties: { relation: 'casualtiesByEvent', fields: ['casualties'] },
  deployments: { relation: 'deploymentsByEvent', fields: ['deployments'] },
} as const satisfies Record<string, { relation: ListRelationName; fields: readonly string[] }>;

/** `table AS alias` for a FROM or JOIN (an alias alone renders as its bare name). */
const as = (table: PgTable, aliased: PgTable) => sql`${table} AS ${sql.identifier(getTableConfig(aliased).name)}`;

// Inner tables are aliased so they never shadow the outer `events` the subqueries correlate with.
const aliases = Object.fromEntries(
  Object.entries(aheadLists).map(([name, { relation }]) => {
    const { child } = listRelations[relation] as AnyListRelation;
    return [
      name,
      {
        row: alias(child, `ahead_${name}`),
        actor: alias(actors, `ahead_${name}_actor`),
        country: alias(countries, `ahead_${name}_country`),
      },
    ];
  }),
) as unknown as Record<keyof typeof aheadLists, { row: PgTable; actor: typeof actors; country: typeof countries }>;
const place = alias(locations, 'ahead_location');
const placeCountry = alias(countries, 'ahead_location_country');

/** Every table a plan reads rows of: a plan depends on their columns only (not on the events' own). */
const relationTables: readonly PgTable[] = [
  ...new Set([
    ...Object.values(aheadLists).map(({ relation }) => (listRelations[relation] as AnyListRelation).child),
    actors,
    countries,
    locations,
  ]),
];

/** Rows of `table` read through `source`, with the projection's columns only (whole rows without one). */
function codecFor(table: PgTable, source: PgTable, projection: Projection | null): RowCodec<Record<string, unknown>> {
  // The API never reads the actors' generated search text.
  const omit = table === actors ? ['searchText'] : [];
  return rowCodec(table, { source, omit: omit as never[], only: projection?.columns(table) });
}

/** A list relation fetched ahead: the same rows, order and joined actors as its batch statement (loaders.ts). */
function aheadList(name: keyof typeof aheadLists, projection: Projection | null): Relation {
  const { relation: relationName, fields } = aheadLists[name];
  const relation = listRelations[relationName] as AnyListRelation;
  const { child, parentKey, order, actor, actorCountry } = relation;
  const { row: rowAlias, actor: actorAlias, country: countryAlias } = aliases[name];
  const row = codecFor(child, rowAlias, projection);
  const actorRow = actor ? codecFor(actors, actorAlias, projection) : undefined;
  const countryRow = actor && actorCountry ? codecFor(countries, countryAlias, projection) : undefined;
  const codecs = [row, ...(actorRow ? [actorRow] : []), ...(countryRow ? [countryRow] : [])];
  const joins = sql.join(
    [
      actor ? sql` JOIN ${as(actors, actorAlias)} ON ${eq(actorAlias.id, columnOf(rowAlias, actor))}` : undefined,
      countryRow ? sql` LEFT JOIN ${as(countries, countryAlias)} ON ${eq(countryAlias.code, actorAlias.countryCode)}` : undefined,
    ].filter((join): join is SQL => join !== undefined),
  );
  return {
    fields,
    column: packedList(
      codecs,
      sql`${as(child, rowAlias)}${joins} WHERE ${and(eq(columnOf(rowAlias, parentKey), events.id), standingRows(relation, rowAlias))}`,
      order.map((key) => columnOf(rowAlias, key)),
    ),
    prime(loaders, event, value) {
      const rows = value as Packed[];
      (loaders[relationName] as DataLoader<number, unknown[]>).prime(
        event.id,
        rows.map((values) => row.decode(values)),
      );
      if (!actorRow) return;
      for (const values of rows) {
        const actorValue = actorRow.decode(values, row.width) as ActorRow;
        loaders.actor.prime(actorValue.id, actorValue);
        const country = countryRow?.decodeOptional(values, row.width + actorRow.width) as CountryRow | null | undefined;
        if (country) loaders.country.prime(country.code, country);
      }
    },
  };
}

/** The relations that can be fetched ahead, reading the projection's columns. */
function relationsFor(projection: Projection | null): Record<string, Relation> {
  const placeRow = codecFor(locations, place, projection);
  const placeCountryRow = codecFor(countries, placeCountry, projection);
  return {
    ...Object.fromEntries(Object.keys(aheadLists).map((name) => [name, aheadList(name as keyof typeof aheadLists, projection)])),
    location: {
      fields: ['location'],
      column: sql`(SELECT ${packedRow(placeRow, placeCountryRow)}
      FROM ${as(locations, place)} LEFT JOIN ${as(countries, placeCountry)} ON ${eq(placeCountry.code, place.countryCode)}
      WHERE ${eq(place.id, events.locationId)})`,
      prime(loaders, event, value) {
        if (event.locationId === null) return;
        if (value === null) return; // a dangling reference: leave it to the loader to report
        const values = value as Packed;
        loaders.location.prime(event.locationId, placeRow.decode(values) as LocationRow);
        const country = placeCountryRow.decodeOptional(values, placeRow.width) as CountryRow | null;
        if (country) loaders.country.prime(country.code, country);
      },
    },
  };
}

const wholeRows = relationsFor(null);
const relationByField = new Map(Object.entries(wholeRows).flatMap(([name, relation]) => relation.fields.map((field) => [field, name])));
const EVENT_TYPES = new Set(['Event', 'Node']);

/** What to fetch with a set of events: one JSON column holding each chosen relation's value. */
export interface EventPrefetch {
  /** Stable name of the relation set and the columns read (for caches). */
  key: string;
  column: SQL;
  /** Primes the request's loaders from one row's prefetched value. */
  apply(loaders: Loaders, event: EventRead, value: unknown): void;
  /** One event with this plan's relations, by row id (loadEventAhead). */
  byId: (db: Database, id: number) => Promise<{ row: unknown[]; ahead: unknown }[]>;
}

/**
 * The relations the selection at `path` (relative to the current field) reads, with the
 * columns the operation reads of them; undefined when it reads none.
 */
export function planEventPrefetch(info: GraphQLResolveInfo, path: readonly string[] = []): EventPrefetch | undefined {
  const names = new Set<string>();
  for (const field of selectedFieldNames(info, path, EVENT_TYPES)) {
    const name = relationByField.get(field);
    if (name) names.add(name);
  }
  return names.size ? eventPrefetch([...names].sort(), projectionOf(info.schema, info.operation, info.fragments)) : undefined;
}

const columnsKeys = new WeakMap<Projection, string>();
function columnsKey(projection: Projection | null): string {
  if (!projection) return '*';
  let key = columnsKeys.get(projection);
  if (key === undefined) columnsKeys.set(projection, (key = relationTables.map((table) => projection.columns(table).join(',')).join(';')));
  return key;
}

// Column sets are the client's choice (any subset of the declared fields), so projected plans are
// a bounded cache: past its size a new combination reads whole rows (one plan per relation set).
const projectedPlans = boundedCache<string, EventPrefetch>('prefetchPlans');
const wholeRowPlans = new Map<string, EventPrefetch>();
const relationSets = new Map<string, Record<string, Relation>>([['*', wholeRows]]);
const eventRows = rowCodec(events);

/** The plan for these relations; whole rows without a projection. */
export function eventPrefetch(names: readonly string[], projection: Projection | null = null): EventPrefetch {
  const columns = columnsKey(projection);
  const key = `${names.join('+')}|${columns}`;
  const plans = projection ? projectedPlans : wholeRowPlans;
  let plan = plans.get(key);
  if (plan) return plan;
  if (projection && projectedPlans.size >= cacheSize('prefetchPlans')) return eventPrefetch(names, null);
  let relations = relationSets.get(columns);
  if (!relations) relationSets.set(columns, (relations = relationsFor(projection)));
  const chosen = names.map((name) => relations[name]!);
  const column = prerendered(
    sql`json_build_array(${sql.join(
      chosen.map((r) => r.column),
      sql`, `,
    )})`,
  );
  plan = {
    key,
    column,
    byId: preparedStatement(
      (id: number) => sql`select ${packedRow(eventRows)} as row, ${column} as ahead from ${events} where ${eq(events.id, id)}`,
      [0],
    ),
    apply(loaders, event, value) {
      const values = value as unknown[];
      chosen.forEach((relation, i) => relation.prime(loaders, event, values[i]));
      loaders.event.prime(event.id, event);
    },
  };
  plans.set(key, plan);
  return plan;
}

/** Every relation, for tests that check prefetched rows against the loaders'. */
export const allEventRelations = Object.keys(wholeRows);

/**
 * One event (whole row) by row id with the planned relations, as a prepared statement (client.ts);
 * a retracted one only with `includeRetracted` (and only then primed into the loaders).
 */
export async function loadEventAhead(
  db: Database,
  loaders: Loaders,
  id: number,
  plan: EventPrefetch,
  includeRetracted = false,
): Promise<EventRead | undefined> {
  const [result] = await plan.byId(db, id);
  if (!result) return undefined;
  const row: EventRead = eventRows.decode(result.row);
  if (row.retractedAt !== null && !includeRetracted) return undefined;
  plan.apply(loaders, row, result.ahead);
  return row;
}
