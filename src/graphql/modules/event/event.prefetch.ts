import { eq, sql, type SQL } from 'drizzle-orm';
import { alias, getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { rowCodec, type RowCodec } from '../../../db/json-row.js';
import { prerendered, type Database } from '../../../db/client.js';
import { actors, casualties, countries, deployments, eventActors, events, locations, quotes, reactions } from '../../../db/schema/index.js';
import { relationOrder, type EventRow, type Loaders } from '../../loaders.js';
import { selectedFieldNames } from '../../common/selection.js';

/**
 * Fetching ahead. When a query asks for events together with their participants, quotes,
 * reactions, casualties, deployments or location, the statement that reads the events also
 * builds those nested lists in Postgres (correlated `json_agg` subqueries), and the rows are
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

const codecs = {
  participant: rowCodec(eventActors, participant),
  quote: rowCodec(quotes, quote),
  reaction: rowCodec(reactions, reaction),
  reactor: rowCodec(actors, reactor, ['searchText']),
  reactorCountry: rowCodec(countries, reactorCountry),
  casualty: rowCodec(casualties, casualty),
  deployment: rowCodec(deployments, deployment),
  place: rowCodec(locations, place),
  placeCountry: rowCodec(countries, placeCountry),
};

const orderBy = (columns: readonly unknown[]) => sql.join(columns.map((c) => sql`${c}`), sql`, `);
const list = (row: SQL, order: readonly unknown[]) => sql`coalesce(json_agg(${row} ORDER BY ${orderBy(order)}), '[]'::json)`;

type Packed = unknown[];

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
  actorAlias: PgTable & { id: PgColumn };
  actorId: PgColumn;
  eventId: PgColumn;
  order: readonly unknown[];
  loader: (loaders: Loaders) => DataLoader<number, Row[]>;
}): Relation {
  const actor = rowCodec(actors, spec.actorAlias, ['searchText']);
  return {
    fields: spec.fields,
    column: sql`(SELECT ${list(sql`json_build_array(${spec.row.packed}, ${actor.packed})`, spec.order)}
      FROM ${spec.from} JOIN ${as(actors, spec.actorAlias)} ON ${eq(spec.actorAlias.id, spec.actorId)}
      WHERE ${eq(spec.eventId, events.id)})`,
    prime(loaders, event, value) {
      const rows = value as [Packed, Packed][];
      spec.loader(loaders).prime(event.id, rows.map(([row]) => spec.row.decode(row)));
      for (const [, packedActor] of rows) {
        const row = actor.decode(packedActor);
        loaders.actor.prime(row.id, row);
      }
    },
  };
}

const relations: Record<string, Relation> = {
  participants: rowsWithActor({
    fields: ['participants', 'actors'],
    from: as(eventActors, participant),
    row: codecs.participant,
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
    actorAlias: speaker,
    actorId: quote.speakerActorId,
    eventId: quote.eventId,
    order: relationOrder.quotesByEvent(quote),
    loader: (loaders) => loaders.quotesByEvent,
  }),
  reactions: {
    fields: ['reactions', 'reactionsByCountry'],
    column: sql`(SELECT ${list(sql`json_build_array(${codecs.reaction.packed}, ${codecs.reactor.packed}, ${codecs.reactorCountry.packedWhere(reactorCountry.code)})`, relationOrder.reactionsByEvent(reaction))}
      FROM ${as(reactions, reaction)} JOIN ${as(actors, reactor)} ON ${eq(reactor.id, reaction.actorId)}
      LEFT JOIN ${as(countries, reactorCountry)} ON ${eq(reactorCountry.code, reactor.countryCode)}
      WHERE ${eq(reaction.eventId, events.id)})`,
    prime(loaders, event, value) {
      const rows = (value as [Packed, Packed, Packed | null][]).map(([r, a, c]) => ({
        reaction: codecs.reaction.decode(r),
        actor: codecs.reactor.decode(a),
        country: c && codecs.reactorCountry.decode(c),
      }));
      loaders.reactionsByEvent.prime(event.id, rows.map((r) => r.reaction));
      for (const r of rows) {
        loaders.actor.prime(r.actor.id, r.actor);
        if (r.country) loaders.country.prime(r.country.code, r.country);
      }
    },
  },
  casualties: {
    fields: ['casualties'],
    column: sql`(SELECT ${list(codecs.casualty.packed, relationOrder.casualtiesByEvent(casualty))} FROM ${as(casualties, casualty)} WHERE ${eq(casualty.eventId, events.id)})`,
    prime(loaders, event, value) {
      loaders.casualtiesByEvent.prime(event.id, (value as Packed[]).map((c) => codecs.casualty.decode(c)));
    },
  },
  deployments: {
    fields: ['deployments'],
    column: sql`(SELECT ${list(codecs.deployment.packed, relationOrder.deploymentsByEvent(deployment))} FROM ${as(deployments, deployment)} WHERE ${eq(deployment.eventId, events.id)})`,
    prime(loaders, event, value) {
      loaders.deploymentsByEvent.prime(event.id, (value as Packed[]).map((d) => codecs.deployment.decode(d)));
    },
  },
  location: {
    fields: ['location'],
    column: sql`(SELECT json_build_array(${codecs.place.packed}, ${codecs.placeCountry.packedWhere(placeCountry.code)})
      FROM ${as(locations, place)} LEFT JOIN ${as(countries, placeCountry)} ON ${eq(placeCountry.code, place.countryCode)}
      WHERE ${eq(place.id, events.locationId)})`,
    prime(loaders, event, value) {
      if (event.locationId === null) return;
      if (value === null) return; // a dangling reference: leave it to the loader to report
      const [l, c] = value as [Packed, Packed | null];
      loaders.location.prime(event.locationId, codecs.place.decode(l));
      if (c) {
        const country = codecs.placeCountry.decode(c);
        loaders.country.prime(country.code, country);
      }
    },
  },
};

const relationByField = new Map(Object.entries(relations).flatMap(([name, relation]) => relation.fields.map((field) => [field, name])));
const EVENT_TYPES = new Set(['Event', 'Node']);

/** What to fetch with a set of events: one JSON column holding each chosen relation's value. */
export interface EventPrefetch {
  /** Stable name of the relation set (for statement names). */
  key: string;
  column: SQL;
  /** Primes the request's loaders from one row's prefetched value. */
  apply(loaders: Loaders, event: EventRow, value: unknown): void;
}

/** The relations the selection at `path` (relative to the current field) reads; undefined when none. */
export function planEventPrefetch(info: GraphQLResolveInfo, path: readonly string[] = []): EventPrefetch | undefined {
  const names = new Set<string>();
  for (const field of selectedFieldNames(info, path, EVENT_TYPES)) {
    const name = relationByField.get(field);
    if (name) names.add(name);
  }
  return names.size ? eventPrefetch([...names].sort()) : undefined;
}

const plans = new Map<string, EventPrefetch>();

export function eventPrefetch(names: readonly string[]): EventPrefetch {
  const key = names.join('+');
  let plan = plans.get(key);
  if (!plan) {
    const chosen = names.map((name) => relations[name]!);
    plan = {
      key,
      column: prerendered(sql`json_build_array(${sql.join(chosen.map((r) => r.column), sql`, `)})`),
      apply(loaders, event, value) {
        const values = value as unknown[];
        chosen.forEach((relation, i) => relation.prime(loaders, event, values[i]));
        loaders.event.prime(event.id, event);
      },
    };
    plans.set(key, plan);
  }
  return plan;
}

/** Every relation, for tests that check prefetched rows against the loaders'. */
export const allEventRelations = Object.keys(relations);

/** One event by row id with the planned relations, in one prepared statement per relation set and database. */
const byIdStatements = new WeakMap<Database, Map<string, { execute(p: { id: number }): Promise<{ row: EventRow; prefetched: unknown }[]> }>>();

export async function loadEventAhead(db: Database, loaders: Loaders, id: number, plan: EventPrefetch): Promise<EventRow | undefined> {
  let statements = byIdStatements.get(db);
  if (!statements) byIdStatements.set(db, (statements = new Map()));
  let statement = statements.get(plan.key);
  if (!statement) {
    statement = db.select({ row: events, prefetched: plan.column }).from(events)
      .where(eq(events.id, sql.placeholder('id'))).prepare(`newsgraph_event_ahead_${plan.key.replaceAll('+', '_')}`) as unknown as NonNullable<typeof statement>;
    statements.set(plan.key, statement);
  }
  const [result] = await statement.execute({ id });
  if (result) plan.apply(loaders, result.row, result.prefetched);
  return result?.row;
}
