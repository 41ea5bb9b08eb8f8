import { Field, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { ActorKind } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';

@InputType({ description: 'Narrows the actors list; all given conditions must hold.' })
export class ActorFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Matches names and aliases, misspellings included, and near spellings ("Kahmeni" finds Ali Khamenei); ' +
      'apostrophes are ignored ("Kataib" finds Kata\'ib Hezbollah).',
  })
  @MinLength(1)
  @MaxLength(200)
  search?: string | null;

  @Field(() => [ActorKind], { nullable: true, description: 'Only actors of these kinds.' })
  @ArrayMaxSize(20)
  kinds?: ActorKind[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only actors tied to this country.' })
  country?: string | null;
}

export enum ActorOrderField {
  NAME = 'NAME',
}
registerEnumType(ActorOrderField, {
  name: 'ActorOrderField',
  description: 'What actors can be sorted by.',
  valuesConfig: { NAME: { description: 'Canonical name.' } },
});

export const ActorOrder = orderInputType<ActorOrderField>('Actor', ActorOrderField, 'Sort order for actors.');
export type ActorOrder = InstanceType<typeof ActorOrder>;
