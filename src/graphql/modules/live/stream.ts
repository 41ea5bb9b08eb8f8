import { and, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { intList, queryRows, type Database } from '../../../db/client.js';
import type { ChangedEntity, ChangeMessage, LiveHub } from '../../../live/hub.js';
import type { Context, LiveConnection } from '../../context.js';
import type DataLoader from 'dataloader';
import { seesRetracted } from '../../../auth/roles.js';
import { createLoaders, type Loaders } from '../../loaders.js';

/**
 * The queue between a hub listener and one subscription: events are pushed as they arrive and
 * taken by graphql's `subscribe` one at a time (it executes and sends each before the next).
 * Its length is bounded: a client that does not keep up is disconnected (LiveConnection.slowConsumer)
 * instead of letting the backlog grow. `return()` ends it at once, even while a `next()` waits.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;
  private pending = 0;

  constructor(
    private readonly connection: LiveConnection,
    private readonly onClose: () => void,
  ) {}

  get size(): number {
    return this.items.length + this.pending;
  }

  /** Work that will add to the queue (a filter check in flight) starts (+1) or ends (−1); it counts as queued. */
  pendingWork(delta: 1 | -1): void {
    this.pending += delta;
    this.connection.delivering(delta);
    if (delta > 0) this.checkBacklog();
  }

  /** Queues an event, or, past LIVE_MAX_PENDING_EVENTS, disconnects the slow client and ends the queue. */
  push(item: T): void {
    if (this.done) return;
    this.connection.delivering(1); // until the server hands it to the socket (onNext)
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
    this.checkBacklog();
  }

  /** The item still waiting to be taken, if any (a coalescing stream merges into it). */
  peekLast(): T | undefined {
    return this.items.at(-1);
  }

  checkBacklog(): void {
    if (this.size <= this.connection.maxPendingEvents) return;
    this.connection.slowConsumer(`more than ${this.connection.maxPendingEvents} events waiting for one subscription`);
    void this.return();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.connection.delivering(-this.items.length);
      this.items.length = 0;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** The hub and connection a subscription needs; a context without them was not made for a WebSocket. */
export function liveOf(context: Context): { hub: LiveHub; connection: LiveConnection } {
  if (!context.live || !context.connection) throw new Error('subscriptions run over the WebSocket endpoint only');
  return { hub: context.live, connection: context.connection };
}

// Per change message (shared by every subscriber of this process): one filter check per distinct
// filter, one set of loaders per kind of viewer. Weak, so both go when the message does.
const matchesByMessage = new WeakMap<ChangeMessage, Map<string, Promise<Set<number>>>>();
const loadersByMessage = new WeakMap<ChangeMessage, Map<boolean, Loaders>>();

/**
 * Loaders for resolving one change, shared by every subscription of this process that delivers
 * it: a thousand subscribers to the same casualty read it (and its event, …) once. There are two
 * sets, as for requests: with retracted records (admins) and without (everyone else).
 */
export function loadersFor(message: ChangeMessage, db: Database, includeRetracted: boolean): Loaders {
  let byViewer = loadersByMessage.get(message);
  if (!byViewer) loadersByMessage.set(message, (byViewer = new Map<boolean, Loaders>()));
  let loaders = byViewer.get(includeRetracted);
  if (!loaders) byViewer.set(includeRetracted, (loaders = createLoaders(db, { includeRetracted })));
  return loaders;
}

/**
 * The changed record as this subscriber may see it, resolved with loaders for its kind of viewer
 * (what hangs off the record follows the viewer's rights). A retracted record is withdrawn, so
 * only admins get it in a RETRACTED message; everyone else gets its ID alone (null here), as they
 * do when the record was retracted before this message was delivered.
 */
export async function loadChanged<K extends ListFilter<unknown>['loader']>(
  context: Context,
  change: ChangeEvent,
  loader: K,
): Promise<NonNullable<Awaited<ReturnType<Loaders[K]['load']>>> | null> {
  const { message, id } = change;
  const admin = seesRetracted(context.viewer);
  context.loaders = loadersFor(message, context.db, admin);
  if (message.kind === 'RETRACTED' && !admin) return null;
  const row = await (context.loaders[loader] as DataLoader<number, unknown>).load(id);
  return (row ?? null) as NonNullable<Awaited<ReturnType<Loaders[K]['load']>>> | null;
}

/** How a list's filter is applied to changed rows: its table and its own filter-to-SQL function (the one the list uses). */
export interface ListFilter<F> {
  table: PgTable & { id: AnyPgColumn };
  /** `includeRetracted` for a retraction: the record left the list, and its followers are told. */
  conditions: (filter: F | null | undefined, includeRetracted: boolean) => (SQL | undefined)[];
  /** The loader of the table's rows: a change's matching rows are read in one statement, ahead of their events. */
  loader: 'casualty' | 'deployment' | 'event';
}

/**
 * The message's ids that the filter lets through, checked by the list's own SQL conditions on
 * the committed rows (so a subscription sees exactly what the list would show); once per
 * distinct filter per message.
 */
export function matchingIds<F>(db: Database, message: ChangeMessage, list: ListFilter<F>, filter: F | null): Promise<Set<number>> {
  let byFilter = matchesByMessage.get(message);
  if (!byFilter) matchesByMessage.set(message, (byFilter = new Map<string, Promise<Set<number>>>()));
  const key = JSON.stringify(filter ?? null);
  let found = byFilter.get(key);
  if (!found) {
    const retracted = message.kind === 'RETRACTED';
    const where = and(sql`${list.table.id} = ANY(${intList(message.ids)})`, ...list.conditions(filter, retracted));
    found = queryRows<{ id: number }>(db, sql`SELECT ${list.table.id} AS id FROM ${list.table} WHERE ${where}`).then(
      (rows) => new Set(rows.map((row) => Number(row.id))),
    );
    byFilter.set(key, found);
  }
  return found;
}

/** One changed record for one subscription: the message it came in and its row id. */
export interface ChangeEvent {
  message: ChangeMessage;
  id: number;
}

/**
 * The changes to `entity` that match `filter`, in commit order, one event per record. Filters are
 * checked in order per subscription (a chain), so a later change never overtakes an earlier one.
 */
export function changeEvents<F>(context: Context, entity: ChangedEntity, list: ListFilter<F>, filter: F | null): EventQueue<ChangeEvent> {
  const { hub, connection } = liveOf(context);
  // Bad input in the filter (a malformed ID) is refused now, when subscribing, not on the first change.
  list.conditions(filter, false);
  let chain = Promise.resolve();
  const queue: EventQueue<ChangeEvent> = new EventQueue(connection, () => stop());
  const stop = hub.onChange(entity, (message) => {
    if (connection.draining) return;
    queue.pendingWork(1);
    chain = chain.then(async () => {
      let ids: Set<number>;
      try {
        ids = await matchingIds(context.db, message, list, filter);
      } catch (err) {
        context.logger.warn({ err, entity }, 'live updates: could not check a change against a subscription filter');
        ids = new Set();
      }
      // An import batch's thousand rows in one statement, not one per event.
      if (ids.size > 1) void loadersFor(message, context.db, message.kind === 'RETRACTED')[list.loader].loadMany([...ids]);
      for (const id of message.ids) if (ids.has(id)) queue.push({ message, id });
      queue.pendingWork(-1);
    });
  });
  return queue;
}
