import DataLoader from 'dataloader';
import { asc, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../db/client.js';
import { casualtyTotalsLoader } from './modules/stats/totals.loader.js';
import {
  actors, casualties, citations, countries, deployments, eventActors, eventLinks, events, locations, quotes, reactions, sources,
} from '../db/schema/index.js';

export type ActorRow = typeof actors.$inferSelect;
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

/**
 * Dispatch a batch once every resolver that can run without I/O has run (setImmediate, after all
 * microtasks), not on the next tick: resolvers that reach a loader through a few more awaits
 * then join the same batch, so the statement count depends on the query's shape, not on rows.
 */
const batchScheduleFn = (dispatch: () => void) => setImmediate(dispatch);

/** One `WHERE key IN (...)` per batch; answers in key order, `undefined` for missing keys. */
function rowsByKey<Row, K extends Key>(db: Database, table: PgTable, column: AnyPgColumn, keyOf: (row: Row) => K) {
  return new DataLoader<K, Row | undefined>(async (keys) => {
    const rows = (await db.select().from(table).where(inArray(column, keys as K[]))) as Row[];
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key));
  }, { batchScheduleFn });
}

/** One `WHERE parent IN (...)` per batch, grouped by parent in the given order. */
function rowsByParent<Row, K extends Key>(
  db: Database,
  table: PgTable,
  column: AnyPgColumn,
  parentOf: (row: Row) => K | null,
  orderBy: AnyPgColumn[],
) {
  return new DataLoader<K, Row[]>(async (keys) => {
    const rows = (await db
      .select()
      .from(table)
      .where(inArray(column, keys as K[]))
      .orderBy(...orderBy.map((c) => asc(c)))) as Row[];
    const groups = new Map<K, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const parent = parentOf(row);
      if (parent !== null) groups.get(parent)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  }, { batchScheduleFn });
}

/**
 * Per-request loaders: every nested list or reference costs one statement per query level,
 * whatever the number of parent rows, and a row asked for twice in a request is fetched once.
 */
export function createLoaders(db: Database) {
  return {
    actor: rowsByKey<ActorRow, number>(db, actors, actors.id, (r) => r.id),
    event: rowsByKey<EventRow, number>(db, events, events.id, (r) => r.id),
    casualty: rowsByKey<CasualtyRow, number>(db, casualties, casualties.id, (r) => r.id),
    deployment: rowsByKey<DeploymentRow, number>(db, deployments, deployments.id, (r) => r.id),
    quote: rowsByKey<QuoteRow, number>(db, quotes, quotes.id, (r) => r.id),
    reaction: rowsByKey<ReactionRow, number>(db, reactions, reactions.id, (r) => r.id),
    citation: rowsByKey<CitationRow, number>(db, citations, citations.id, (r) => r.id),
    source: rowsByKey<SourceRow, number>(db, sources, sources.id, (r) => r.id),
    location: rowsByKey<LocationRow, number>(db, locations, locations.id, (r) => r.id),
    country: rowsByKey<CountryRow, string>(db, countries, countries.code, (r) => r.code),

    participantsByEvent: rowsByParent<EventActorRow, number>(db, eventActors, eventActors.eventId, (r) => r.eventId, [eventActors.actorId]),
    participationsByActor: rowsByParent<EventActorRow, number>(db, eventActors, eventActors.actorId, (r) => r.actorId, [eventActors.eventId]),
    casualtiesByEvent: rowsByParent<CasualtyRow, number>(db, casualties, casualties.eventId, (r) => r.eventId, [casualties.id]),
    deploymentsByEvent: rowsByParent<DeploymentRow, number>(db, deployments, deployments.eventId, (r) => r.eventId, [deployments.occurredOn, deployments.id]),
    quotesByEvent: rowsByParent<QuoteRow, number>(db, quotes, quotes.eventId, (r) => r.eventId, [quotes.occurredOn, quotes.id]),
    quotesByReaction: rowsByParent<QuoteRow, number>(db, quotes, quotes.reactionId, (r) => r.reactionId, [quotes.id]),
    quotesBySpeaker: rowsByParent<QuoteRow, number>(db, quotes, quotes.speakerActorId, (r) => r.speakerActorId, [quotes.occurredOn, quotes.id]),
    reactionsByEvent: rowsByParent<ReactionRow, number>(db, reactions, reactions.eventId, (r) => r.eventId, [reactions.id]),
    reactionsByActor: rowsByParent<ReactionRow, number>(db, reactions, reactions.actorId, (r) => r.actorId, [reactions.occurredOn, reactions.id]),
    causesByEvent: rowsByParent<EventLinkRow, number>(db, eventLinks, eventLinks.fromEventId, (r) => r.fromEventId, [eventLinks.toEventId]),
    consequencesByEvent: rowsByParent<EventLinkRow, number>(db, eventLinks, eventLinks.toEventId, (r) => r.toEventId, [eventLinks.fromEventId]),
    membersByActor: rowsByParent<ActorRow, number>(db, actors, actors.parentId, (r) => r.parentId, [actors.name]),
    successorByDeployment: rowsByKey<DeploymentRow, number>(db, deployments, deployments.supersedesId, (r) => r.supersedesId ?? 0),

    casualtyTotalsByEvent: casualtyTotalsLoader<number>(db, 'event_id'),
    casualtyTotalsByCountry: casualtyTotalsLoader<string>(db, 'victim_country_code'),

    /** Distinct sources behind an event and every fact about it (one UNION per batch). */
    sourcesByEvent: new DataLoader<number, number[]>(async (eventIds) => {
      const ids = sql.join(eventIds.map((id) => sql`${id}`), sql`, `);
      const rows = await queryRows<{ event_id: number; source_id: number }>(db, sql`
        SELECT DISTINCT facts.event_id, c.source_id
        FROM (
          SELECT id AS event_id, citation_id FROM events WHERE id IN (${ids})
          UNION ALL SELECT event_id, citation_id FROM casualties WHERE event_id IN (${ids})
          UNION ALL SELECT event_id, citation_id FROM deployments WHERE event_id IN (${ids})
          UNION ALL SELECT event_id, citation_id FROM quotes WHERE event_id IN (${ids})
          UNION ALL SELECT event_id, citation_id FROM reactions WHERE event_id IN (${ids})
        ) AS facts
        JOIN citations c ON c.id = facts.citation_id
        ORDER BY c.source_id`);
      const groups = new Map<number, number[]>(eventIds.map((id) => [id, []]));
      for (const row of rows) groups.get(Number(row.event_id))?.push(Number(row.source_id));
      return eventIds.map((id) => groups.get(id) ?? []);
    }, { batchScheduleFn }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
