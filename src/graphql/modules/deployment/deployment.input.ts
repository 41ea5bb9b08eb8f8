import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { ArrayMaxSize } from 'class-validator';
import { DeploymentStatus, FigureQualifier } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { DateRange } from '../../common/date-range.js';

@InputType({
  description: 'Narrows troop deployment reports; all given conditions must hold. Shared by `deployments` and the troop statistics.',
})
export class DeploymentFilter {
  @Field(() => ID, { nullable: true, description: 'Only records imported from this dataset (a Dataset ID).' })
  dataset?: string | null;

  @Field(() => DateRange, { nullable: true, description: 'When the movement was reported to happen.' })
  occurred?: DateRange | null;

  @Field(() => [DeploymentStatus], { nullable: true, description: 'Only these statuses.' })
  @ArrayMaxSize(10)
  statuses?: DeploymentStatus[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only troops of this country.' })
  forceCountry?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only troops going to (or stationed in) this country.' })
  destinationCountry?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only movements tied to this event (an Event ID).' })
  event?: string | null;

  @Field(() => [FigureQualifier], { nullable: true, description: 'Only figures with these qualifiers.' })
  @ArrayMaxSize(10)
  qualifiers?: FigureQualifier[] | null;

  @Field(() => ID, { nullable: true, description: 'Only reports from this source (a Source ID).' })
  source?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reports the source credits to this actor (an Actor ID).' })
  attributedTo?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include reports a later report of the same movement superseded (default false, so nothing is counted twice).',
  })
  includeSuperseded?: boolean | null;
}

export enum DeploymentOrderField {
  OCCURRED_ON = 'OCCURRED_ON',
}
registerEnumType(DeploymentOrderField, {
  name: 'DeploymentOrderField',
  description: 'What deployment reports can be sorted by.',
  valuesConfig: { OCCURRED_ON: { description: 'Date of the movement.' } },
});

export const DeploymentOrder = orderInputType<DeploymentOrderField>(
  'Deployment',
  DeploymentOrderField,
  'Sort order for deployment reports.',
);
export type DeploymentOrder = InstanceType<typeof DeploymentOrder>;
