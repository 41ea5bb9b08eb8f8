import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { toGlobalId } from '../../common/global-id.js';
import { deployments } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { instance } from '../../common/instance.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { FactChangeKind } from '../live/change-kind.js';
import { changeEvents, loadChanged, type ChangeEvent, type ListFilter } from '../live/stream.js';
import { DeploymentFilter } from './deployment.input.js';
import { deploymentConditions } from './deployment.filter.js';
import { Deployment, toDeployment } from './deployment.type.js';

@ObjectType({ simpleResolvers: true, description: 'A troop deployment report that changed, as it is now.' })
@ReadsNoRows()
export class DeploymentChange {
  @Field(() => FactChangeKind, {
    description: 'What happened to it (REVISED: a later report now supersedes it, or a retraction changed which report is current).',
  })
  kind!: FactChangeKind;

  @Field(() => ID, { description: 'The report’s ID, in every message (also when the report itself is not shown).' })
  id!: string;

  @Field(() => Deployment, {
    nullable: true,
    description:
      'The report after the change. Null in a RETRACTED message to anyone but an admin (a retracted report is withdrawn: ' +
      'drop it by its `id`), and when it was retracted before this message was delivered.',
  })
  deployment!: Deployment | null;
}

/** The `deployments` list's own filter (current reports only unless `includeSuperseded`), applied to changed reports. */
export const deploymentList: ListFilter<DeploymentFilter> = { table: deployments, conditions: deploymentConditions, loader: 'deployment' };

@Resolver()
export class DeploymentSubscriptionResolver {
  @Subscription(() => DeploymentChange, {
    description:
      'Each troop deployment report made, revised or retracted from now on, once committed, if it matches the filter (the same ' +
      'filter as `deployments`). Over WebSocket (graphql-ws) on /graphql.',
    subscribe: ({ args, context }) =>
      changeEvents(context as Context, 'Deployment', deploymentList, (args as { filter?: DeploymentFilter | null }).filter ?? null),
  })
  @Reads()
  async deploymentChanged(
    @Root() change: ChangeEvent,
    @Arg('filter', () => DeploymentFilter, { nullable: true, description: 'Which reports to follow; current reports when absent.' })
    _filter: DeploymentFilter | null,
    @Ctx() context: Context,
  ): Promise<DeploymentChange> {
    const row = await loadChanged(context, change, 'deployment');
    return instance(DeploymentChange, {
      kind: change.message.kind as FactChangeKind,
      id: toGlobalId('Deployment', change.id),
      deployment: row && toDeployment(row),
    });
  }
}
