import { Arg, Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
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
  @Field(() => FactChangeKind, { description: 'What happened to it (REVISED: a later report now supersedes it).' })
  kind!: FactChangeKind;

  @Field(() => Deployment, { description: 'The report after the change.' })
  deployment!: Deployment;
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
    return instance(DeploymentChange, { kind: change.message.kind as FactChangeKind, deployment: toDeployment(row) });
  }
}
