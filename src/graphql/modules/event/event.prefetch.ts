import { eq, sql, type SQL } from 'drizzle-orm';
import { alias, getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { packedList, packedRow, rowCodec, type RowCodec } from '../../../db/json-row.js';
import { preparedStatement, prerendered, type Database } from '../../../db/client.js';
import { actors, casualties, countries, deployments, eventActors, events, locations, quotes, reactions } from '../../../db/schema/index.js';
import { relationOrder, type ActorRow, type EventRow, type Loaders } from '../../loaders.js';
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

// Inner tables are aliased so they never shadow the outer `events` the subqueries correlate with.
const participant = alias(eventActors, 'ahead_participant');
const participantActor = alias(actors, 'ahead_participant_actor');
const quote = alias(quotes, 'ahead_quote');
const speaker = alias(actors, 'ahead_speaker');
const reaction = alias(reactions, 'ahead_reaction');
const reactor = alias(actors, 'ahead_reactor');
const reactorCountry = alias(countries, 'ahead_reactor_country');
const casualty = alias(casualties, 'ahead_casualty');
const deployment = alias(deployments, 'ahead_deployment');
const place = alias(locations, 'ahead_location');
const placeCountry = alias(countries, 'ahead_location_country');

/** `table AS alias` for a FROM or JOIN (an alias alone renders as its bare name). */
const as = (table: PgTable, aliased: PgTable) => sql`${table} AS ${sql.identifier(getTableConfig(aliased).name)}`;

/** Every table a relation reads rows of: a plan depends on their columns only (not on the events' own). */
const relationTables = new Set<PgTable>();

/** Rows of `table` read through `source`, with the projection's columns only (whole rows without one). */
function codecFor<T extends PgTable>(table: T, source: PgTable, projection: Projection | null) {
  relationTables.add(table);
  return rowCodec(table, { source, omit: (table as PgTable) === actors ? ['searchText' as never] : [], only: projection?.columns(table) });
}

/** One packed row: the text values of the rows joined side by side (json-row.ts). */
type Packed = (string | null)[];

/** One relation of an event that can be fetched ahead. */
interface Relation {
  /** Event fields whose resolvers read this relation's loaders. */
  fields: readonly string[];
  /** A JSON value computed per `events` row. */
  column: SQL;
  /** Primes the loaders with the decoded value, exactly as their batch functions would have. */
  prime(loaders: Loaders, event: EventRow, value: unknown): void;
}

/**
 * An event's rows of one table, each with the actor it names joined in (participants, quotes),
 * primed as the table's list per event and as the actors they name.
 */
function rowsWithActor<Row>(spec: {
  fields: readonly string[];
  from: SQL;
  row: RowCodec<Row>;
  actor: RowCodec<ActorRow>;
  actorAlias: PgTable & { id: PgColumn };
  actorId: PgColumn;
  eventId: PgColumn;
  order: readonly unknown[];
  loader: (loaders: Loaders) => DataLoader<number, Row[]>;
}): Relation {
  const { actor } = spec;
  return {
    fields: spec.fields,
    column: packedList(
      [spec.row, actor],
      sql`${spec.from} JOIN ${as(actors, spec.actorAlias)} ON ${eq(spec.actorAlias.id, spec.actorId)}
      WHERE ${eq(spec.eventId, events.id)}`,
      spec.order,
    ),
    prime(loaders, event, value) {
      const rows = value as Packed[];
      spec.loader(loaders).prime(
        event.id,
        rows.map((values) => spec.row.decode(values)),
      );
      for (const values of rows) {
        const row = actor.decode(values, spec.row.width);
        loaders.actor.prime(row.id, row);
      }
    },
  };
}

/** The relations that can be fetched ahead, reading the projection's columns. */
function relationsFor(projection: Projection | null): Record<string, Relation> {
  const codecs = {
    participant: codecFor(eventActors, participant, projection),
    participantActor: codecFor(actors, participantActor, projection),
    quote: codecFor(quotes, quote, projection),
    speaker: codecFor(actors, speaker, projection),
    reaction: codecFor(reactions, reaction, projection),
    reactor: codecFor(actors, reactor, projection),
    reactorCountry: codecFor(countries, reactorCountry, projection),
    casualty: codecFor(casualties, casualty, projection),
    deployment: codecFor(deployments, deployment, projection),
    place: codecFor(locations, place, projection),
    placeCountry: codecFor(countries, placeCountry, projection),
  };
  return {
    participants: rowsWithActor({
      fields: ['participants', 'actors'],
      from: as(eventActors, participant),
      row: codecs.participant,
      actor: codecs.participantActor,
      actorAlias: participantActor,
      actorId: participant.actorId,
      eventId: participant.eventId,
      order: relationOrder.participantsByEvent(participant),
      loader: (loaders) => loaders.participantsByEvent,
    }),
    quotes: rowsWithActor({
      fields: ['quotes'],
      from: as(quotes, quote),
      row: codecs.quote,
      actor: codecs.speaker,
      actorAlias: speaker,
      actorId: quote.speakerActorId,
      eventId: quote.eventId,
      order: relationOrder.quotesByEvent(quote),
      loader: (loaders) => loaders.quotesByEvent,
    }),
    reactions: {
      fields: ['reactions', 'reactionsByCountry'],
      column: packedList(
        [codecs.reaction, codecs.reactor, codecs.reactorCountry],
        sql`${as(reactions, reaction)}
      JOIN ${as(actors, reactor)} ON ${eq(reactor.id, reaction.actorId)}
      LEFT JOIN ${as(countries, reactorCountry)} ON ${eq(reactorCountry.code, reactor.countryCode)}
      WHERE ${eq(reaction.eventId, events.id)}`,
        relationOrder.reactionsByEvent(reaction),
      ),
      prime(loaders, event, value) {
        const actorAt = codecs.reaction.width;
        const countryAt = actorAt + codecs.reactor.width;
        const rows = (value as Packed[]).map((values) => ({
          reaction: codecs.reaction.decode(values),
          actor: codecs.reactor.decode(values, actorAt),
          country: codecs.reactorCountry.decodeOptional(values, countryAt),
        }));
        loaders.reactionsByEvent.prime(
          event.id,
          rows.map((r) => r.reaction),
        );
        for (const r of rows) {
          loaders.actor.prime(r.actor.id, r.actor);
          if (r.country) loaders.country.prime(r.country.code, r.country);
        }
      },
    },
    casualties: {
      fields: ['casualties'],
      column: packedList(
        [codecs.casualty],
        sql`${as(casualties, casualty)} WHERE ${eq(casualty.eventId, events.id)}`,
        relationOrder.casualtiesByEvent(casualty),
      ),
      prime(loaders, event, value) {
        loaders.casualtiesByEvent.prime(
          event.id,
          (value as Packed[]).map((c) => codecs.casualty.decode(c)),
        );
      },
    },
    deployments: {
      fields: ['deployments'],
      column: packedList(
        [codecs.deployment],
        sql`${as(deployments, deployment)} WHERE ${eq(deployment.eventId, events.id)}`,
        relationOrder.deploymentsByEvent(deployment),
      ),
      prime(loaders, event, value) {
        loaders.deploymentsByEvent.prime(
          event.id,
          (value as Packed[]).map((d) => codecs.deployment.decode(d)),
        );
      },
    },
    location: {
      fields: ['location'],
      column: sql`(SELECT ${packedRow(codecs.place, codecs.placeCountry)}
      FROM ${as(locations, place)} LEFT JOIN ${as(countries, placeCountry)} ON ${eq(placeCountry.code, place.countryCode)}
      WHERE ${eq(place.id, events.locationId)})`,
      prime(loaders, event, value) {
        if (event.locationId === null) return;
        if (value === null) return; // a dangling reference: leave it to the loader to report
        const values = value as Packed;
        loaders.location.prime(event.locationId, codecs.place.decode(values));
        const country = codecs.placeCountry.decodeOptional(values, codecs.place.width);
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
  apply(loaders: Loaders, event: EventRow, value: unknown): void;
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
  if (key === undefined)
    columnsKeys.set(projection, (key = [...relationTables].map((table) => projection.columns(table).join(',')).join(';')));
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

/** One event (whole row) by row id with the planned relations, as a prepared statement (client.ts). */
export async function loadEventAhead(db: Database, loaders: Loaders, id: number, plan: EventPrefetch): Promise<EventRow | undefined> {
  const [result] = await plan.byId(db, id);
  if (!result) return undefined;
  const row = eventRows.decode(result.row) as EventRow;
  plan.apply(loaders, row, result.ahead);
  return row;
}
