import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { EventKind } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { DateRange } from '../../common/date-range.js';

@InputType({ description: 'Narrows the events list; all given conditions must hold.' })
export class EventFilter {
  @Field(() => ID, { nullable: true, description: 'Only records imported from this dataset (a Dataset ID).' })
  dataset?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only events of this conflict, by its exact name (UCDP GED `conflict_name`, e.g. "Syria: Government").',
  })
  conflictName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only events of this dyad, by its exact name (UCDP GED `dyad_name`, e.g. "Government of Syria - IS").',
  })
  dyadName?: string | null;

  @Field(() => DateRange, { nullable: true, description: 'When the event happened (imprecise dates: see DateMatch).' })
  occurred?: DateRange | null;

  @Field(() => [EventKind], { nullable: true, description: 'Only events of these kinds.' })
  @ArrayMaxSize(20)
  kinds?: EventKind[] | null;

  @Field(() => CountryCodeScalar, {
    nullable: true,
    description: 'Only events at a place in this country (a place in several countries is in each of them).',
  })
  country?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events this actor (an Actor ID) took part in, in any role.' })
  actor?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over title and summary (web-search syntax: "quoted phrase", -exclude, or), ' +
      'or the name or an alias of a participant, with the typo tolerance of actor search ("Suleimani").',
  })
  @MinLength(1)
  @MaxLength(200)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: only the source's dated timeline entries; false: only background events." })
  timelineEntry?: boolean | null;
}

export enum EventOrderField {
  OCCURRED_ON = 'OCCURRED_ON',
  TITLE = 'TITLE',
}
registerEnumType(EventOrderField, {
  name: 'EventOrderField',
  description: 'What events can be sorted by.',
  valuesConfig: {
    OCCURRED_ON: { description: 'Start of the period the event is dated to.' },
    TITLE: { description: 'Title, alphabetically.' },
  },
});

export const EventOrder = orderInputType<EventOrderField>('Event', EventOrderField, 'Sort order for events.');
export type EventOrder = InstanceType<typeof EventOrder>;
