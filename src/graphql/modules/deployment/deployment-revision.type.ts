import { Field, ObjectType } from 'type-graphql';
import { DeploymentStatus } from '../../common/enums.js';
import { instance } from '../../common/instance.js';
import { ReadsNoRows } from '../../common/projection.js';
import type { ListRowOf } from '../../relations.js';
import { Revision, revisionValues } from '../editing/revision.js';

export type DeploymentRevisionRow = ListRowOf<'revisionsByDeployment'>;

@ObjectType({
  simpleResolvers: true,
  description: 'One version of a troop deployment report: the figure and stage recorded, from which source, by whom, when and why.',
})
@ReadsNoRows()
export class DeploymentRevision extends Revision {
  @Field(() => DeploymentStatus, { description: 'How far the movement had got, as recorded in this version.' })
  status!: DeploymentStatus;
}

export const toDeploymentRevision = (row: DeploymentRevisionRow, showEditor: boolean): DeploymentRevision =>
  instance(DeploymentRevision, { ...revisionValues(row, showEditor), status: row.status });
