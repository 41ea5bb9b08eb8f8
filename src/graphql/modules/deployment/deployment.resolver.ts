import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { deployments } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';

import { rootConnection } from '../../common/root-connection.js';
import { loadOptional, loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Country, toCountry } from '../country/country.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Location, toLocation } from '../location/location.type.js';
import { Citation, loadCitation } from '../source/source.type.js';
import { Deployment, DeploymentConnection, toDeployment, deploymentShape, type DeploymentRead } from './deployment.type.js';
import { DeploymentFilter, DeploymentOrder, DeploymentOrderField } from './deployment.input.js';
import { deploymentConditions } from './deployment.filter.js';
import { Reads } from '../../common/projection.js';
import { revisionResolvers } from '../editing/revision.js';
import { DeploymentRevision, toDeploymentRevision } from './deployment-revision.type.js';
import { includeRetractedArg, includeRetractedFor } from '../../common/editorial.js';

const deploymentsPage = rootConnection<DeploymentRead, Deployment, DeploymentFilter>({
  connection: 'deployments',
  table: deployments,
  sort: { name: DeploymentOrderField.OCCURRED_ON, column: deployments.occurredOn, value: (row) => row.occurredOn },
  conditions: deploymentConditions,
  toNode: toDeployment,
});

@Resolver(() => Deployment)
export class DeploymentResolver {
  @Query(() => DeploymentConnection, {
    description: 'Troop deployment reports, oldest first by default; superseded reports are left out unless `includeSuperseded` is set.',
  })
  @Reads()
  async deployments(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => DeploymentFilter, { nullable: true, description: 'Conditions the reports must meet.' })
    filter: DeploymentFilter | null,
    @Arg('orderBy', () => DeploymentOrder, { nullable: true, description: 'Sort order; default oldest first.' })
    orderBy: DeploymentOrder | null,
    @Arg('includeRetracted', () => Boolean, includeRetractedArg) includeRetracted: boolean | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Deployment>> {
    return deploymentsPage({ first, after }, filter, orderBy, context, info, includeRetractedFor(context.viewer, includeRetracted));
  }

  @FieldResolver(() => Country, { description: 'Country whose troops these are.' })
  @deploymentShape.Reads('forceCountryCode')
  async forceCountry(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Country> {
    return toCountry(await loadRequired(loaders.country, deployment.row.forceCountryCode, 'country'));
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who ordered the movement, if reported.' })
  @deploymentShape.Reads('orderedByActorId')
  async orderedBy(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, deployment.row.orderedByActorId);
    return row && toActor(row);
  }

  @FieldResolver(() => Location, {
    nullable: true,
    description: 'Where the troops go or are (a place or region such as "the Middle East").',
  })
  @deploymentShape.Reads('destinationLocationId')
  async destination(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Location | null> {
    const row = await loadOptional(loaders.location, deployment.row.destinationLocationId);
    return row && toLocation(row);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'Destination country; null when the source names only a region.' })
  @deploymentShape.Reads('destinationCountryCode')
  async destinationCountry(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, deployment.row.destinationCountryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event the movement answers, if any.' })
  @deploymentShape.Reads('eventId')
  async event(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Event | null> {
    const row = await loadOptional(loaders.event, deployment.row.eventId);
    return row && toEvent(row);
  }

  @FieldResolver(() => Deployment, { nullable: true, description: 'The earlier report of the same movement that this one updates.' })
  @deploymentShape.Reads('supersedesId')
  async supersedes(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Deployment | null> {
    const row = await loadOptional(loaders.deployment, deployment.row.supersedesId);
    return row && toDeployment(row);
  }

  @FieldResolver(() => Deployment, { nullable: true, description: 'The later report of the same movement that updates this one, if any.' })
  @deploymentShape.Reads('id')
  async supersededBy(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Deployment | null> {
    const row = await loaders.successorByDeployment.load(deployment.row.id);
    return row ? toDeployment(row) : null;
  }

  @FieldResolver(() => Boolean, { description: 'True when no later report supersedes this one (it counts in totals).' })
  @deploymentShape.Reads('id')
  async isCurrent(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<boolean> {
    return (await loaders.successorByDeployment.load(deployment.row.id)) === undefined;
  }

  @FieldResolver(() => Citation, { description: 'Where the report comes from.' })
  @deploymentShape.Reads('citationId')
  async citation(@Root() deployment: Deployment, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, deployment.row.citationId);
  }
}

export const deploymentRevisionResolvers = revisionResolvers(
  Deployment,
  DeploymentRevision,
  deployments,
  (l) => l.revisionsByDeployment,
  toDeploymentRevision,
);
