import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { toGlobalId } from '../../common/global-id.js';
import { events } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { instance } from '../../common/instance.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { EventChangeKind } from '../live/change-kind.js';
import { changeEvents, loadChanged, type ChangeEvent, type ListFilter } from '../live/stream.js';
import { EventFilter } from './event.input.js';
import { eventConditions } from './event.resolver.js';
import { Event, toEvent } from './event.type.js';

@ObjectType({ simpleResolvers: true, description: 'An event that was created, updated or retracted, as it is now.' })
@ReadsNoRows()
export class EventChange {
  @Field(() => EventChangeKind, { description: 'What happened to it.' })
  kind!: EventChangeKind;

  @Field(() => ID, { description: 'The event’s ID, in every message (also when the event itself is not shown).' })
  id!: string;

  @Field(() => Event, {
    nullable: true,
    description:
      'The event after the change. Null in a RETRACTED message to anyone but an admin (a retracted event is withdrawn: ' +
      'drop it by its `id`), and when it was retracted before this message was delivered.',
  })
  event!: Event | null;
}

/** The `events` list's own filter, applied to changed events. */
export const eventList: ListFilter<EventFilter> = {
  table: events,
  conditions: (filter, includeRetracted) => eventConditions({ filter: filter ?? null, includeRetracted }),
  loader: 'event',
};

@Resolver()
export class EventSubscriptionResolver {
  @Subscription(() => EventChange, {
    description:
      'Each event created, updated or retracted from now on (by editors or imports), once committed, if it matches the filter ' +
      '(the same filter as `events`). Over WebSocket (graphql-ws) on /graphql.',
    subscribe: ({ args, context }) =>
      changeEvents(context as Context, 'Event', eventList, (args as { filter?: EventFilter | null }).filter ?? null),
  })
  @Reads()
  async eventChanged(
    @Root() change: ChangeEvent,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Which events to follow; all when absent.' })
    _filter: EventFilter | null,
    @Ctx() context: Context,
  ): Promise<EventChange> {
    const row = await loadChanged(context, change, 'event');
    return instance(EventChange, {
      kind: change.message.kind as EventChangeKind,
      id: toGlobalId('Event', change.id),
      event: row && toEvent(row),
    });
  }
}
