import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize } from 'class-validator';
import { ReactionStance } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';

@InputType({ description: 'Narrows the reactions list; all given conditions must hold.' })
export class ReactionFilter {
  @Field(() => ID, { nullable: true, description: 'Only records imported from this dataset (a Dataset ID).' })
  dataset?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reactions to this event (an Event ID).' })
  event?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reactions of this actor (an Actor ID).' })
  actor?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only reactions of actors of this country.' })
  country?: string | null;

  @Field(() => [ReactionStance], { nullable: true, description: 'Only these stances.' })
  @ArrayMaxSize(20)
  stances?: ReactionStance[] | null;
}
