import DataLoader from 'dataloader';
import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../db/client.js';
import { casualtyTotalsLoader } from './modules/stats/totals.loader.js';
import { batchScheduleFn } from './common/batching.js';
import {
  actors,
  casualties,
  citations,
  countries,
  deployments,
  eventActors,
  eventLinks,
  events,
  locationCountries,
  locations,
  quotes,
  reactions,
  sources,
} from '../db/schema/index.js';

/** Actors as the API reads them (without the generated search text). */
export type ActorRow = Omit<typeof actors.$inferSelect, 'searchText'>;
export type EventRow = typeof events.$inferSelect;
export type CasualtyRow = typeof casualties.$inferSelect;
export type DeploymentRow = typeof deployments.$inferSelect;
export type QuoteRow = typeof quotes.$inferSelect;
export type ReactionRow = typeof reactions.$inferSelect;
export type CitationRow = typeof citations.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type CountryRow = typeof countries.$inferSelect;
export type EventActorRow = typeof eventActors.$inferSelect;
export type EventLinkRow = typeof eventLinks.$inferSelect;

type Key = number | string;

/** Columns of a table for a select, optionally leaving some out (actors' internal search text). */
function columnsOf<T extends PgTable>(table: T, omit: string[] = []) {
  const columns = getTableColumns(table);
  return Object.fromEntries(Object.entries(columns).filter(([name]) => !omit.includes(name))) as T['_']['columns'];
}
const actorColumns = columnsOf(actors, ['searchText']);

/**
 * The order of each nested list, shared by its batch statement and the fetch-ahead subqueries
 * (event.prefetch.ts), so both give a resolver the same list.
 */
type Columns<K extends string> = Record<K, AnyPgColumn>;
export const relationOrder = {
  participantsByEvent: (t: Columns<'actorId' | 'role'>) => [t.actorId, t.role],
  quotesByEvent: (t: Columns<'occurredOn' | 'id'>) => [t.occurredOn, t.id],
  reactionsByEvent: (t: Columns<'id'>) => [t.id],
  casualtiesByEvent: (t: Columns<'id'>) => [t.id],
  deploymentsByEvent: (t: Columns<'occurredOn' | 'id'>) => [t.occurredOn, t.id],
};

/** `column = ANY($keys)`: one statement text for any batch size, so it can be prepared once. */
const anyKey = (column: AnyPgColumn) => sql`${column} = any(${sql.placeholder('keys')})`;

/**
 * The batch statements, built and prepared once per database (named prepared statements on
 * Postgres), so a request pays neither for building SQL nor for planning it.
 */
function prepareStatements(db: Database) {
  const byKey = (name: string, table: PgTable, column: AnyPgColumn, columns?: Record<string, AnyPgColumn>) =>
    (columns ? db.select(columns) : db.select()).from(table).where(anyKey(column)).prepare(`newsgraph_${name}`);
  const byParent = (name: string, table: PgTable, column: AnyPgColumn, orderBy: AnyPgColumn[]) =>
    db
      .select()
      .from(table)
      .where(anyKey(column))
      .orderBy(...orderBy.map((c) => asc(c)))
      .prepare(`newsgraph_${name}`);
  return {
    actor: byKey('actor', actors, actors.id, actorColumns),
    event: byKey('event', events, events.id),
    casualty: byKey('casualty', casualties, casualties.id),
    deployment: byKey('deployment', deployments, deployments.id),
    quote: byKey('quote', quotes, quotes.id),
    reaction: byKey('reaction', reactions, reactions.id),
    citation: byKey('citation', citations, citations.id),
    source: byKey('source', sources, sources.id),
    country: byKey('country', countries, countries.code),
    successor: byKey('successor', deployments, deployments.supersedesId),
    // A place is nearly always shown with its country: fetch both at once.
    location: db
      .select({ location: locations, country: countries })
      .from(locations)
      .leftJoin(countries, eq(countries.code, locations.countryCode))
      .where(anyKey(locations.id))
      .prepare('newsgraph_location'),
    countriesByLocation: db
      .select({ locationId: locationCountries.locationId, country: countries })
      .from(locationCountries)
      .innerJoin(countries, eq(countries.code, locationCountries.countryCode))
      .where(anyKey(locationCountries.locationId))
      .orderBy(asc(countries.name))
      .prepare('newsgraph_countries_by_location'),
    // Participants, quotes and reactions are shown with their actor (and reactions with the
    // actor's country, for reactionsByCountry): joined here, then primed into those loaders.
    participantsByEvent: db
      .select({ participant: eventActors, actor: actorColumns })
      .from(eventActors)
      .innerJoin(actors, eq(actors.id, eventActors.actorId))
      .where(anyKey(eventActors.eventId))
      .orderBy(...relationOrder.participantsByEvent(eventActors).map((c) => asc(c)))
      .prepare('newsgraph_participants_by_event'),
    quotesByEvent: db
      .select({ quote: quotes, actor: actorColumns })
      .from(quotes)
      .innerJoin(actors, eq(actors.id, quotes.speakerActorId))
      .where(anyKey(quotes.eventId))
      .orderBy(...relationOrder.quotesByEvent(quotes).map((c) => asc(c)))
      .prepare('newsgraph_quotes_by_event'),
    quotesByReaction: db
      .select({ quote: quotes, actor: actorColumns })
      .from(quotes)
      .innerJoin(actors, eq(actors.id, quotes.speakerActorId))
      .where(anyKey(quotes.reactionId))
      .orderBy(asc(quotes.id))
      .prepare('newsgraph_quotes_by_reaction'),
    reactionsByEvent: db
      .select({ reaction: reactions, actor: actorColumns, country: countries })
      .from(reactions)
      .innerJoin(actors, eq(actors.id, reactions.actorId))
      .leftJoin(countries, eq(countries.code, actors.countryCode))
      .where(anyKey(reactions.eventId))
      .orderBy(...relationOrder.reactionsByEvent(reactions).map((c) => asc(c)))
      .prepare('newsgraph_reactions_by_event'),
    participationsByActor: byParent('participations_by_actor', eventActors, eventActors.actorId, [eventActors.eventId]),
    casualtiesByEvent: byParent('casualties_by_event', casualties, casualties.eventId, relationOrder.casualtiesByEvent(casualties)),
    deploymentsByEvent: byParent('deployments_by_event', deployments, deployments.eventId, relationOrder.deploymentsByEvent(deployments)),
    quotesBySpeaker: byParent('quotes_by_speaker', quotes, quotes.speakerActorId, [quotes.occurredOn, quotes.id]),
    reactionsByActor: byParent('reactions_by_actor', reactions, reactions.actorId, [reactions.occurredOn, reactions.id]),
    causesByEvent: byParent('causes_by_event', eventLinks, eventLinks.fromEventId, [eventLinks.toEventId]),
    consequencesByEvent: byParent('consequences_by_event', eventLinks, eventLinks.toEventId, [eventLinks.fromEventId]),
    membersByActor: db
      .select(actorColumns)
      .from(actors)
      .where(anyKey(actors.parentId))
      .orderBy(asc(actors.name))
      .prepare('newsgraph_members_by_actor'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
const statementsByDatabase = new WeakMap<Database, Statements>();

function statementsOf(db: Database): Statements {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = prepareStatements(db);
    statementsByDatabase.set(db, statements);
  }
  return statements;
}

/** A prepared batch statement; its row type is stated by the loader that runs it. */
interface BatchStatement {
  execute(placeholders: { keys: readonly Key[] }): Promise<unknown[]>;
}

/** Answers in key order, `undefined` for missing keys. */
function rowsByKey<Row, K extends Key>(statement: BatchStatement, keyOf: (row: Row) => K | null, onRows?: (rows: Row[]) => void) {
  return new DataLoader<K, Row | undefined>(
    async (keys) => {
      const rows = (await statement.execute({ keys })) as Row[];
      onRows?.(rows);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key));
    },
    { batchScheduleFn },
  );
}

/** Rows grouped by parent key, in the statement's order. */
function rowsByParent<Row, K extends Key, Out = Row>(
  statement: BatchStatement,
  parentOf: (row: Row) => K | null,
  onRows: (rows: Row[]) => void = () => {},
  pick: (row: Row) => Out = (row) => row as unknown as Out,
) {
  return new DataLoader<K, Out[]>(
    async (keys) => {
      const rows = (await statement.execute({ keys })) as Row[];
      onRows(rows);
      const groups = new Map<K, Out[]>(keys.map((key) => [key, []]));
      for (const row of rows) {
        const parent = parentOf(row);
        if (parent !== null) groups.get(parent)?.push(pick(row));
      }
      return keys.map((key) => groups.get(key) ?? []);
    },
    { batchScheduleFn },
  );
}

/** What a loader factory may use: the database, its prepared statements, and the loaders it primes. */
interface Scope {
  db: Database;
  statements: Statements;
  loaders: { actor: DataLoader<number, ActorRow | undefined>; country: DataLoader<string, CountryRow | undefined> };
}

const primeActors = (loaders: Scope['loaders']) => (rows: { actor: ActorRow }[]) =>
  rows.forEach((r) => loaders.actor.prime(r.actor.id, r.actor));
const primeCountries = (loaders: Scope['loaders']) => (rows: { country: CountryRow | null }[]) =>
  rows.forEach((r) => r.country && loaders.country.prime(r.country.code, r.country));

/**
 * Per-request loaders: every nested list or reference costs at most one statement per query
 * level, whatever the number of parent rows, and a row asked for twice in a request is fetched
 * once. Rows fetched alongside another (a quote's speaker) are primed into their own loader.
 */
const factories = {
  actor: ({ statements }: Scope) => rowsByKey<ActorRow, number>(statements.actor, (r) => r.id),
  country: ({ statements }: Scope) => rowsByKey<CountryRow, string>(statements.country, (r) => r.code),
  event: ({ statements }: Scope) => rowsByKey<EventRow, number>(statements.event, (r) => r.id),
  casualty: ({ statements }: Scope) => rowsByKey<CasualtyRow, number>(statements.casualty, (r) => r.id),
  deployment: ({ statements }: Scope) => rowsByKey<DeploymentRow, number>(statements.deployment, (r) => r.id),
  quote: ({ statements }: Scope) => rowsByKey<QuoteRow, number>(statements.quote, (r) => r.id),
  reaction: ({ statements }: Scope) => rowsByKey<ReactionRow, number>(statements.reaction, (r) => r.id),
  citation: ({ statements }: Scope) => rowsByKey<CitationRow, number>(statements.citation, (r) => r.id),
  source: ({ statements }: Scope) => rowsByKey<SourceRow, number>(statements.source, (r) => r.id),
  location: ({ statements, loaders }: Scope) =>
    new DataLoader<number, LocationRow | undefined>(
      async (keys) => {
        const rows = await statements.location.execute({ keys });
        primeCountries(loaders)(rows);
        const byId = new Map(rows.map((r) => [r.location.id, r.location]));
        return keys.map((key) => byId.get(key));
      },
      { batchScheduleFn },
    ),
  successorByDeployment: ({ statements }: Scope) => rowsByKey<DeploymentRow, number>(statements.successor, (r) => r.supersedesId),

  participantsByEvent: ({ statements, loaders }: Scope) =>
    rowsByParent<{ participant: EventActorRow; actor: ActorRow }, number, EventActorRow>(
      statements.participantsByEvent,
      (r) => r.participant.eventId,
      primeActors(loaders),
      (r) => r.participant,
    ),
  quotesByEvent: ({ statements, loaders }: Scope) =>
    rowsByParent<{ quote: QuoteRow; actor: ActorRow }, number, QuoteRow>(
      statements.quotesByEvent,
      (r) => r.quote.eventId,
      primeActors(loaders),
      (r) => r.quote,
    ),
  quotesByReaction: ({ statements, loaders }: Scope) =>
    rowsByParent<{ quote: QuoteRow; actor: ActorRow }, number, QuoteRow>(
      statements.quotesByReaction,
      (r) => r.quote.reactionId,
      primeActors(loaders),
      (r) => r.quote,
    ),
  reactionsByEvent: ({ statements, loaders }: Scope) =>
    rowsByParent<{ reaction: ReactionRow; actor: ActorRow; country: CountryRow | null }, number, ReactionRow>(
      statements.reactionsByEvent,
      (r) => r.reaction.eventId,
      (rows) => {
        primeActors(loaders)(rows);
        primeCountries(loaders)(rows);
      },
      (r) => r.reaction,
    ),
  countriesByLocation: ({ statements, loaders }: Scope) =>
    rowsByParent<{ locationId: number; country: CountryRow }, number, CountryRow>(
      statements.countriesByLocation,
      (r) => r.locationId,
      primeCountries(loaders),
      (r) => r.country,
    ),
  participationsByActor: ({ statements }: Scope) => rowsByParent<EventActorRow, number>(statements.participationsByActor, (r) => r.actorId),
  casualtiesByEvent: ({ statements }: Scope) => rowsByParent<CasualtyRow, number>(statements.casualtiesByEvent, (r) => r.eventId),
  deploymentsByEvent: ({ statements }: Scope) => rowsByParent<DeploymentRow, number>(statements.deploymentsByEvent, (r) => r.eventId),
  quotesBySpeaker: ({ statements }: Scope) => rowsByParent<QuoteRow, number>(statements.quotesBySpeaker, (r) => r.speakerActorId),
  reactionsByActor: ({ statements }: Scope) => rowsByParent<ReactionRow, number>(statements.reactionsByActor, (r) => r.actorId),
  causesByEvent: ({ statements }: Scope) => rowsByParent<EventLinkRow, number>(statements.causesByEvent, (r) => r.fromEventId),
  consequencesByEvent: ({ statements }: Scope) => rowsByParent<EventLinkRow, number>(statements.consequencesByEvent, (r) => r.toEventId),
  membersByActor: ({ statements }: Scope) => rowsByParent<ActorRow, number>(statements.membersByActor, (r) => r.parentId),
  casualtyTotalsByEvent: ({ db }: Scope) => casualtyTotalsLoader<number>(db, 'event_id'),
  casualtyTotalsByCountry: ({ db }: Scope) => casualtyTotalsLoader<string>(db, 'victim_country_code'),

  /** Distinct sources behind an event and every fact about it (one UNION per batch). */
  sourcesByEvent: ({ db }: Scope) =>
    new DataLoader<number, number[]>(
      async (eventIds) => {
        const ids = sql.join(
          eventIds.map((id) => sql`${id}`),
          sql`, `,
        );
        const rows = await queryRows<{ event_id: number; source_id: number }>(
          db,
          sql`
      SELECT DISTINCT facts.event_id, c.source_id
      FROM (
        SELECT id AS event_id, citation_id FROM events WHERE id IN (${ids})
        UNION ALL SELECT event_id, citation_id FROM casualties WHERE event_id IN (${ids})
        UNION ALL SELECT event_id, citation_id FROM deployments WHERE event_id IN (${ids})
        UNION ALL SELECT event_id, citation_id FROM quotes WHERE event_id IN (${ids})
        UNION ALL SELECT event_id, citation_id FROM reactions WHERE event_id IN (${ids})
      ) AS facts
      JOIN citations c ON c.id = facts.citation_id
      ORDER BY c.source_id`,
        );
        const groups = new Map<number, number[]>(eventIds.map((id) => [id, []]));
        for (const row of rows) groups.get(Number(row.event_id))?.push(Number(row.source_id));
        return eventIds.map((id) => groups.get(id) ?? []);
      },
      { batchScheduleFn },
    ),
};

export type Loaders = { readonly [K in keyof typeof factories]: ReturnType<(typeof factories)[K]> };

/**
 * The per-request loaders object: each loader is created on first use (a request touches a few
 * of the thirty), through getters defined once on the prototype.
 */
class RequestLoaders {
  constructor(
    readonly db: Database,
    readonly statements: Statements,
  ) {}
}
for (const [name, create] of Object.entries(factories) as [string, (scope: Scope) => unknown][]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      const loader = create({ db: this.db, statements: this.statements, loaders: this as unknown as Scope['loaders'] });
      Object.defineProperty(this, name, { value: loader });
      return loader;
    },
  });
}

export function createLoaders(db: Database): Loaders {
  return new RequestLoaders(db, statementsOf(db)) as unknown as Loaders;
}

/** Loads a row a foreign key guarantees; a miss means broken data, so it is an internal error. */
export async function loadRequired<K, V>(loader: DataLoader<K, V | undefined>, key: K, what: string): Promise<V> {
  const row = await loader.load(key);
  if (row === undefined) throw new Error(`${what} ${String(key)} is referenced but missing`);
  return row;
}

/** Loads an optional reference: null key → null. */
export async function loadOptional<K, V>(loader: DataLoader<K, V | undefined>, key: K | null): Promise<V | null> {
  return key === null ? null : ((await loader.load(key)) ?? null);
}
