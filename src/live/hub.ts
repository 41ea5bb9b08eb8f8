import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What changed: the record types subscribers can follow. */
export type ChangedEntity = 'Casualty' | 'Deployment' | 'Event';

/** How a casualty or deployment record changed. */
export type FactChange = 'REPORTED' | 'REVISED' | 'RETRACTED';
/** How an event changed. */
export type EventChange = 'CREATED' | 'UPDATED' | 'RETRACTED';

export type ChangeKindOf<E extends ChangedEntity> = E extends 'Event' ? EventChange : FactChange;

/** One committed change to one or more records (an import batch sends all its ids at once). */
export interface ChangeMessage {
  readonly entity: ChangedEntity;
  readonly kind: FactChange | EventChange;
  /** Row ids, never global IDs: subscribers load and filter the rows themselves. */
  readonly ids: readonly number[];
  /** When the transaction committed (ms since the epoch), so delivery latency can be measured. */
  readonly committedAt: number;
}

/** Where an import stands, sent after each committed batch and once at the end. */
export interface ImportProgressMessage {
  /** The dataset's row id once its first batch committed; null before that. */
  readonly datasetId: number | null;
  readonly rows: number;
  readonly rejected: number;
  readonly rowsPerSecond: number;
  readonly finished: boolean;
}

type Topics = { [topic: string]: [ChangeMessage | ImportProgressMessage] };

/** Publishes committed changes; the one API writers call (mutations after commit, importers after each batch). */
export interface LivePublisher {
  publishChange<E extends ChangedEntity>(kind: ChangeKindOf<E>, entity: E, ids: number | readonly number[]): void;
  publishImportProgress(progress: ImportProgressMessage): void;
}

/** The publisher plus this instance's listeners: one Redis (or in-memory) subscription per topic, fanned out locally. */
export interface LiveHub extends LivePublisher {
  /** Calls `listener` with every change to `entity` from any instance; returns the function that stops it. */
  onChange(entity: ChangedEntity, listener: (message: ChangeMessage) => void): () => void;
  onImportProgress(listener: (message: ImportProgressMessage) => void): () => void;
  /** `redis` or `memory`: whether events reach other instances. */
  readonly transport: 'redis' | 'memory';
  close(): Promise<void>;
}

const TOPICS = ['Casualty', 'Deployment', 'Event', 'importProgress'] as const;
type TopicName = (typeof TOPICS)[number];

/** How long start-up waits for the Redis subscription before carrying on (it keeps retrying). */
const REDIS_READY_TIMEOUT_MS = 5_000;

/**
 * Changes travel through Redis pub/sub when REDIS_URL is set (every instance receives every
 * change; docs/live.md says why Redis rather than Postgres LISTEN/NOTIFY), else through an
 * in-memory event target that only this process sees. The few topics are subscribed once, at
 * start (so no subscriber misses a change while Redis confirms a SUBSCRIBE), and fanned out
 * here: a thousand subscribers cost one Redis subscription, and a listener that throws cannot
 * break delivery to the others. `listen: false` makes a publisher only (the import command).
 */
export async function createLiveHub(options: {
  redisUrl?: string | undefined;
  keyPrefix: string;
  logger: Logger;
  listen?: boolean;
}): Promise<LiveHub> {
  const { logger, listen = true } = options;
  const topic = (name: TopicName) => `${options.keyPrefix}live:${name}`;
  let connections: Redis[] = [];
  let pubSub: PubSub<Topics>;
  if (options.redisUrl) {
    // Two connections: one in subscriber mode cannot publish. The offline queue stays on, so a
    // change published during a short Redis outage is sent when the connection is back.
    const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    const subscribeClient = new Redis(options.redisUrl, { lazyConnect: !listen });
    for (const client of [publishClient, subscribeClient]) client.on('error', (err) => logger.warn({ err }, 'live updates: redis error'));
    // A failed publish is logged, never an unhandled rejection (the event target does not await it).
    const publish = publishClient.publish.bind(publishClient);
    const publishLogged = (channel: string, message: string) =>
      publish(channel, message).catch((err: unknown) => {
        logger.error({ err, channel }, 'live updates: a change could not be published to redis');
        return 0;
      });
    publishClient.publish = publishLogged;
    connections = listen ? [publishClient, subscribeClient] : [publishClient];
    pubSub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
    if (listen) {
      let timer: NodeJS.Timeout | undefined;
      const subscribed = await Promise.race([
        subscribeClient.subscribe(...TOPICS.map(topic)).then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      if (!subscribed) logger.warn('live updates: redis not reachable yet; subscribers see changes once it is');
    }
  } else {
    pubSub = createPubSub<Topics>();
  }

  const listeners = new Map<TopicName, Set<(message: never) => void>>(TOPICS.map((name) => [name, new Set()]));
  const sources = listen ? TOPICS.map((name) => ({ name, source: pubSub.subscribe(topic(name)) })) : [];
  for (const { name, source } of sources) {
    const set = listeners.get(name)!;
    void (async () => {
      for await (const message of source) {
        for (const each of set) {
          try {
            (each as (message: unknown) => void)(message);
          } catch (err) {
            logger.error({ err, topic: name }, 'live updates: a listener failed');
          }
        }
      }
    })();
  }

  function on<M>(name: TopicName, listener: (message: M) => void): () => void {
    if (!listen) throw new Error('this live hub only publishes');
    const set = listeners.get(name)!;
    const each = listener as (message: never) => void;
    set.add(each);
    return () => set.delete(each);
  }

  return {
    transport: options.redisUrl ? 'redis' : 'memory',
    publishChange(kind, entity, ids) {
      const list = typeof ids === 'number' ? [ids] : [...new Set(ids)];
      if (list.length === 0) return;
      const message: ChangeMessage = Object.freeze({ entity, kind, ids: Object.freeze(list), committedAt: Date.now() });
      pubSub.publish(topic(entity), message);
    },
    publishImportProgress(progress) {
      pubSub.publish(topic('importProgress'), Object.freeze({ ...progress }));
    },
    onChange: (entity, listener) => on(entity, listener),
    onImportProgress: (listener) => on('importProgress', listener),
    async close() {
      await Promise.all(sources.map(({ source }) => source.return()));
      for (const set of listeners.values()) set.clear();
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
