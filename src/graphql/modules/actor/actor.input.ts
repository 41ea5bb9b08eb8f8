import { Field, InputType } from 'type-graphql';
import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { ActorKind, SortDirection } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { registerEnumType } from 'type-graphql';

@InputType({ description: 'Narrows the actors list; all given conditions must hold.' })
export class ActorFilter {
  @Field(() => String, { nullable: true, description: 'Matches names and aliases, misspellings included, and near spellings ("Kahmeni" finds Ali Khamenei).' })
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

@InputType({ description: 'Sort order for actors.' })
export class ActorOrder {
  @Field(() => ActorOrderField, { description: 'Sort key.' })
  field!: ActorOrderField;

  @Field(() => SortDirection, { description: 'Direction.', defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}
