import DataLoader from 'dataloader';
import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../db/client.js';
import { casualtyTotalsLoader } from './modules/stats/totals.loader.js';
import { batchScheduleFn } from './common/batching.js';
import type { ActorRead } from './modules/actor/actor.type.js';
import type { CasualtyRead } from './modules/casualty/casualty.type.js';
import type { CountryRead } from './modules/country/country.type.js';
import type { DeploymentRead } from './modules/deployment/deployment.type.js';
import type { EventRead } from './modules/event/event.type.js';
import type { LocationRead } from './modules/location/location.type.js';
import type { QuoteRead } from './modules/quote/quote.type.js';
import type { ReactionRead } from './modules/reaction/reaction.type.js';
import type { CitationRead, SourceRead } from './modules/source/source.type.js';
import {
  columnOf,
  listRelations,
  snakeName,
  standingRows,
  type AnyListRelation,
  type ListRelationName,
  type ListRowOf,
} from './relations.js';
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

/** `column = ANY($keys)`: one statement text for any batch size, so it can be prepared once. */
const anyKey = (column: AnyPgColumn) => sql`${column} = any(${sql.placeholder('keys')})`;

/**
 * The batch statements, built and prepared once per database (named prepared statements on
 * Postgres), so a request pays neither for building SQL nor for planning it.
 */
function prepareStatements(db: Database) {
  const byKey = (name: string, table: PgTable, column: AnyPgColumn, columns?: Record<string, AnyPgColumn>) =>
    (columns ? db.select(columns) : db.select()).from(table).where(anyKey(column)).prepare(`newsgraph_${name}`);
  // A list relation (relations.ts): its rows by parent key, with the actor each names joined in.
  const byParent = (name: string, relation: AnyListRelation) => {
    const { child, parentKey, order, actor, actorCountry } = relation;
    const where = and(anyKey(columnOf(child, parentKey)), standingRows(relation, child));
    const orderBy = order.map((key) => asc(columnOf(child, key)));
    if (!actor)
      return db
        .select()
        .from(child)
        .where(where)
        .orderBy(...orderBy)
        .prepare(`newsgraph_${snakeName(name)}`);
    const joined = db
      .select({ row: child, actor: actorColumns, ...(actorCountry ? { country: countries } : {}) })
      .from(child)
      .innerJoin(actors, eq(actors.id, columnOf(child, actor)));
    return (actorCountry ? joined.leftJoin(countries, eq(countries.code, actors.countryCode)) : joined)
      .where(where)
      .orderBy(...orderBy)
      .prepare(`newsgraph_${snakeName(name)}`);
  };
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
    // A retracted report no longer supersedes the one it updated.
    successor: db
      .select()
      .from(deployments)
      .where(and(anyKey(deployments.supersedesId), isNull(deployments.retractedAt)))
      .prepare('newsgraph_successor'),
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
    lists: Object.fromEntries(
      Object.entries(listRelations as Record<string, AnyListRelation>).map(([name, relation]) => [name, byParent(name, relation)]),
    ) as unknown as Record<ListRelationName, BatchStatement>,
    // A merged actor's members moved to the survivor; the merged one itself is no member of anything.
    membersByActor: db
      .select(actorColumns)
      .from(actors)
      .where(and(anyKey(actors.parentId), isNull(actors.mergedIntoId)))
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
function rowsByKey<Row, K extends Key>(
  statement: BatchStatement,
  keyOf: (row: Row) => K | null,
  onRows?: (rows: Row[]) => void,
  keep?: (row: Row) => boolean,
) {
  return new DataLoader<K, Row | undefined>(
    async (keys) => {
      const fetched = (await statement.execute({ keys })) as Row[];
      const rows = keep ? fetched.filter(keep) : fetched;
      onRows?.(rows);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key));
    },
    { batchScheduleFn },
  );
}

const primeNothing = () => {};
const same = <Row>(row: Row) => row;

/** Rows grouped by parent key, in the statement's order. */
function rowsByParent<Row, K extends Key, Out = Row>(
  statement: BatchStatement,
  parentOf: (row: Row) => K | null,
  onRows: (rows: Row[]) => void,
  pick: (row: Row) => Out,
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
  /** Whether the viewer sees retracted records when asking for them by ID (admins do). */
  includeRetracted: boolean;
  loaders: { actor: DataLoader<number, ActorRead | undefined>; country: DataLoader<string, CountryRead | undefined> };
}

/**
 * Retracted records answer as absent to viewers who may not see them: a lookup by ID gives null,
 * a reference to one reads as none. The batch statements read whole rows, retracted_at included;
 * rows primed from a page come from statements that left retracted rows out already.
 */
const standingFor = ({ includeRetracted }: Scope) =>
  includeRetracted ? undefined : (row: object) => (row as { retractedAt: string | null }).retractedAt === null;

/** Records by ID of a table with retractions. */
const retractableById =
  <Row extends { id: number }>(statement: (statements: Statements) => BatchStatement) =>
  (scope: Scope) =>
    rowsByKey<Row, number>(statement(scope.statements), (r) => r.id, undefined, standingFor(scope));

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
  actor: ({ statements }: Scope) => rowsByKey<ActorRead, number>(statements.actor, (r) => r.id),
  country: ({ statements }: Scope) => rowsByKey<CountryRead, string>(statements.country, (r) => r.code),
  event: retractableById<EventRead>((s) => s.event),
  casualty: retractableById<CasualtyRead>((s) => s.casualty),
  deployment: retractableById<DeploymentRead>((s) => s.deployment),
  quote: retractableById<QuoteRead>((s) => s.quote),
  reaction: retractableById<ReactionRead>((s) => s.reaction),
  citation: ({ statements }: Scope) => rowsByKey<CitationRead, number>(statements.citation, (r) => r.id),
  source: ({ statements }: Scope) => rowsByKey<SourceRead, number>(statements.source, (r) => r.id),
  location: ({ statements, loaders }: Scope) =>
    new DataLoader<number, LocationRead | undefined>(
      async (keys) => {
        const rows = await statements.location.execute({ keys });
        primeCountries(loaders)(rows);
        const byId = new Map(rows.map((r) => [r.location.id, r.location]));
        return keys.map((key) => byId.get(key));
      },
      { batchScheduleFn },
    ),
  successorByDeployment: ({ statements }: Scope) => rowsByKey<DeploymentRead, number>(statements.successor, (r) => r.supersedesId),

  countriesByLocation: ({ statements, loaders }: Scope) =>
    rowsByParent<{ locationId: number; country: CountryRow }, number, CountryRow>(
      statements.countriesByLocation,
      (r) => r.locationId,
      primeCountries(loaders),
      (r) => r.country,
    ),
  membersByActor: ({ statements }: Scope) =>
    rowsByParent<ActorRead, number>(statements.membersByActor, (r) => r.parentId, primeNothing, same),
  casualtyTotalsByEvent: ({ db }: Scope) => casualtyTotalsLoader<number>(db, 'event_id'),
  casualtyTotalsByCountry: ({ db }: Scope) => casualtyTotalsLoader<string>(db, 'victim_country_code'),

  /** Distinct sources behind an event and every standing fact about it (one UNION per batch). */
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
        UNION ALL SELECT event_id, citation_id FROM casualties WHERE event_id IN (${ids}) AND retracted_at IS NULL
        UNION ALL SELECT event_id, citation_id FROM deployments WHERE event_id IN (${ids}) AND retracted_at IS NULL
        UNION ALL SELECT event_id, citation_id FROM quotes WHERE event_id IN (${ids}) AND retracted_at IS NULL
        UNION ALL SELECT event_id, citation_id FROM reactions WHERE event_id IN (${ids}) AND retracted_at IS NULL
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

/** A list relation's loader: rows by parent key; the actors (and countries) joined in are primed. */
function listLoader(name: ListRelationName, { parentKey, actor, actorCountry }: AnyListRelation, { statements, loaders }: Scope) {
  const statement = statements.lists[name];
  if (!actor) return rowsByParent<Record<string, unknown>, number>(statement, (row) => row[parentKey] as number | null, primeNothing, same);
  type Joined = { row: Record<string, unknown>; actor: ActorRow; country?: CountryRow | null };
  return rowsByParent<Joined, number, Record<string, unknown>>(
    statement,
    (r) => r.row[parentKey] as number | null,
    actorCountry
      ? (rows) => {
          primeActors(loaders)(rows);
          primeCountries(loaders)(rows as { country: CountryRow | null }[]);
        }
      : primeActors(loaders),
    (r) => r.row,
  );
}

type ListLoaders = { readonly [N in ListRelationName]: DataLoader<number, ListRowOf<N>[]> };
const listFactories = Object.fromEntries(
  (Object.entries(listRelations) as [ListRelationName, AnyListRelation][]).map(([name, relation]) => [
    name,
    (scope: Scope) => listLoader(name, relation, scope),
  ]),
) as { [N in ListRelationName]: (scope: Scope) => ListLoaders[N] };

export type Loaders = ListLoaders & { readonly [K in keyof typeof factories]: ReturnType<(typeof factories)[K]> };

/**
 * The per-request loaders object: each loader is created on first use (a request touches few of
 * them), through getters defined once on the prototype.
 */
class RequestLoaders {
  constructor(
    readonly db: Database,
    readonly statements: Statements,
    readonly includeRetracted: boolean,
  ) {}
}
for (const [name, create] of Object.entries({ ...factories, ...listFactories }) as [string, (scope: Scope) => unknown][]) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    get(this: RequestLoaders) {
      const loader = create({
        db: this.db,
        statements: this.statements,
        includeRetracted: this.includeRetracted,
        loaders: this as unknown as Scope['loaders'],
      });
      Object.defineProperty(this, name, { value: loader });
      return loader;
    },
  });
}

/** A request's loaders; `includeRetracted` for a viewer who may see retracted records (an admin). */
export function createLoaders(db: Database, { includeRetracted = false } = {}): Loaders {
  return new RequestLoaders(db, statementsOf(db), includeRetracted) as unknown as Loaders;
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
