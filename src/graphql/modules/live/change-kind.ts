import { registerEnumType } from 'type-graphql';
import type { EventChange as EventChangeValue, FactChange as FactChangeValue } from '../../../live/hub.js';

/** How a casualty figure or deployment report changed. */
export const FactChangeKind = { REPORTED: 'REPORTED', REVISED: 'REVISED', RETRACTED: 'RETRACTED' } as const satisfies {
  [K in FactChangeValue]: K;
};
export type FactChangeKind = FactChangeValue;

registerEnumType(FactChangeKind, {
  name: 'FactChangeKind',
  description: 'How a casualty figure or troop deployment report changed.',
  valuesConfig: {
    REPORTED: { description: 'A new record (an editor’s report or an import).' },
    REVISED: { description: 'A new figure or status for an existing record; earlier versions stay in its revisions.' },
    RETRACTED: { description: 'The record was withdrawn from lists and totals: admins get it marked `retracted`, others its `id`.' },
  },
});

/** How an event changed. */
export const EventChangeKind = { CREATED: 'CREATED', UPDATED: 'UPDATED', RETRACTED: 'RETRACTED' } as const satisfies {
  [K in EventChangeValue]: K;
};
export type EventChangeKind = EventChangeValue;

registerEnumType(EventChangeKind, {
  name: 'EventChangeKind',
  description: 'How an event changed.',
  valuesConfig: {
    CREATED: { description: 'A new event (an editor’s or an import’s).' },
    UPDATED: { description: 'The event’s details changed (an edit, or a newer release of its dataset).' },
    RETRACTED: { description: 'The event was withdrawn from lists: admins get it marked `retracted`, others its `id`.' },
  },
});
