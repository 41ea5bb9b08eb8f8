import { isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import {
  casualties,
  casualtyRevisions,
  deploymentRevisions,
  deployments,
  eventActors,
  eventLinks,
  events,
  quotes,
  reactions,
} from '../db/schema/index.js';
import type { ColumnKey } from './common/projection.js';
import type { CasualtyRead } from './modules/casualty/casualty.type.js';
import type { DeploymentRead } from './modules/deployment/deployment.type.js';
import type { EventParticipantRead } from './modules/event/event.type.js';
import type { QuoteRead } from './modules/quote/quote.type.js';
import type { ReactionRead } from './modules/reaction/reaction.type.js';

/**
 * A nested list, described once: the rows of `child` whose `parentKey` holds the parent's key,
 * in `order`, with the actor named by `actor` (and that actor's country) joined in and primed
 * into their own loaders. The DataLoader batch statement (loaders.ts) and the fetch-ahead
 * subquery (event.prefetch.ts) are both built from it, so both give a resolver the same list.
 */
export interface ListRelation<T extends PgTable = PgTable> {
  child: T;
  parentKey: ColumnKey<T>;
  order: readonly ColumnKey<T>[];
  /** The column naming an actor shown with each row (a quote's speaker). */
  actor?: ColumnKey<T>;
  /** Also join that actor's country (reactionsByCountry groups by it). */
  actorCountry?: boolean;
  /** Rows retracted (`retracted_at`) are left out: nested lists show what stands, to every viewer. */
  retractable?: boolean;
  /** The column naming an event: rows about a retracted event are left out (a link, a participation). */
  event?: ColumnKey<T>;
}

/** A relation with its table's types erased, for the code that builds statements from any of them. */
export interface AnyListRelation {
  child: PgTable;
  parentKey: string;
  order: readonly string[];
  actor?: string;
  actorCountry?: boolean;
  retractable?: boolean;
  event?: string;
}

const list = <T extends PgTable>(relation: ListRelation<T>) => relation;

export const listRelations = {
  participantsByEvent: list({ child: eventActors, parentKey: 'eventId', order: ['actorId', 'role'], actor: 'actorId' }),
  quotesByEvent: list({ child: quotes, parentKey: 'eventId', order: ['occurredOn', 'id'], actor: 'speakerActorId', retractable: true }),
  quotesByReaction: list({ child: quotes, parentKey: 'reactionId', order: ['id'], actor: 'speakerActorId', retractable: true }),
  reactionsByEvent: list({
    child: reactions,
    parentKey: 'eventId',
    order: ['id'],
    actor: 'actorId',
    actorCountry: true,
    retractable: true,
  }),
  casualtiesByEvent: list({ child: casualties, parentKey: 'eventId', order: ['id'], retractable: true }),
  deploymentsByEvent: list({ child: deployments, parentKey: 'eventId', order: ['occurredOn', 'id'], retractable: true }),
  participationsByActor: list({ child: eventActors, parentKey: 'actorId', order: ['eventId'], event: 'eventId' }),
  quotesBySpeaker: list({ child: quotes, parentKey: 'speakerActorId', order: ['occurredOn', 'id'], retractable: true }),
  reactionsByActor: list({ child: reactions, parentKey: 'actorId', order: ['occurredOn', 'id'], retractable: true }),
  causesByEvent: list({ child: eventLinks, parentKey: 'fromEventId', order: ['toEventId'], event: 'toEventId' }),
  consequencesByEvent: list({ child: eventLinks, parentKey: 'toEventId', order: ['fromEventId'], event: 'fromEventId' }),
  // Oldest first here; Casualty.revisions lists them newest first.
  revisionsByCasualty: list({ child: casualtyRevisions, parentKey: 'casualtyId', order: ['revision'] }),
  revisionsByDeployment: list({ child: deploymentRevisions, parentKey: 'deploymentId', order: ['revision'] }),
};

// Aliased, so the test never shadows an outer `events` a fetch-ahead subquery correlates with.
const linkedEvent = alias(events, 'linked_event');

/**
 * What a relation's rows must meet besides their parent key, on `table` (the child table or an
 * alias of it): retracted rows and rows about a retracted event are hidden (docs/editing.md).
 */
export function standingRows({ retractable, event }: AnyListRelation, table: PgTable): SQL | undefined {
  if (retractable) return isNull(columnOf(table, 'retractedAt'));
  if (!event) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${events} AS ${sql.identifier('linked_event')}
    WHERE ${linkedEvent.id} = ${columnOf(table, event)} AND ${isNull(linkedEvent.retractedAt)})`;
}

export type ListRelationName = keyof typeof listRelations;

/**
 * The rows of the lists fetched ahead with a page of events (event.prefetch.ts) carry only the
 * columns the operation reads: they are typed as the shape of the type they become.
 */
interface ShapedLists {
  participantsByEvent: EventParticipantRead;
  quotesByEvent: QuoteRead;
  reactionsByEvent: ReactionRead;
  casualtiesByEvent: CasualtyRead;
  deploymentsByEvent: DeploymentRead;
}

/** The rows a list relation's loader answers with. */
export type ListRowOf<N extends ListRelationName> = N extends keyof ShapedLists
  ? ShapedLists[N]
  : (typeof listRelations)[N]['child']['$inferSelect'];

/** A relation's column by key, on the table or an alias of it. */
export const columnOf = (table: PgTable, key: string) => (table as unknown as Record<string, AnyPgColumn>)[key]!;

/** `participantsByEvent` → `participants_by_event`: the prepared statement's name. */
export const snakeName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
