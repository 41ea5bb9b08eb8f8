import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { DeploymentStatus } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { Figure, figureColumnKeys, toFigure } from '../../common/figure.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import { instance } from '../../common/instance.js';
import { retractionColumnKeys, RevisionField } from '../../common/editorial.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { deployments } from '../../../db/schema/index.js';

/** The columns Deployment values are built from (see RowShape). */
export const deploymentShape = rowShape(deployments, [
  'id',
  ...figureColumnKeys,
  'status',
  'troopDescription',
  ...fuzzyDateColumnKeys,
  'forceCountryCode',
  'orderedByActorId',
  'destinationLocationId',
  'destinationCountryCode',
  'eventId',
  'supersedesId',
  'citationId',
  'datasetId',
  'revision',
  ...retractionColumnKeys,
]);
export type DeploymentRead = RowOf<typeof deploymentShape>;

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'One report of a troop movement: how many, from where to where, and how far along (announced, planned, deployed, stationed). ' +
    'A later report of the same movement supersedes the earlier one, so totals count each movement once.',
})
@deploymentShape.Type()
export class Deployment implements Node {
  __typename!: 'Deployment';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @deploymentShape.Reads('id')
  id!: string;

  @Field(() => Figure, { description: 'How many troops, as reported.' })
  @deploymentShape.Reads(...figureColumnKeys)
  figure!: Figure;

  @Field(() => DeploymentStatus, { description: 'How far the movement had got when reported.' })
  @deploymentShape.Reads('status')
  status!: DeploymentStatus;

  @Field(() => String, { description: 'What the troops are, in the source\'s words ("U.S. soldiers").' })
  @deploymentShape.Reads('troopDescription')
  troops!: string;

  @Field(() => FuzzyDate, { description: 'When it was reported to happen, as precisely as given.' })
  @deploymentShape.Reads(...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  @RevisionField(deploymentShape)
  revision!: number;

  row!: DeploymentRead;
}

export const toDeployment = (row: DeploymentRead): Deployment =>
  instance(Deployment, {
    __typename: 'Deployment',
    id: toGlobalId('Deployment', row.id),
    figure: toFigure(row),
    status: row.status,
    troops: row.troopDescription,
    occurredOn: toFuzzyDate(row),
    revision: row.revision,
    row,
  });

export const { Connection: DeploymentConnection } = connectionTypes(Deployment, 'Deployment');
