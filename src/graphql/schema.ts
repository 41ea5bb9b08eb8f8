import 'reflect-metadata';
import { ArgumentValidationError, buildSchema, type ClassType, type NonEmptyArray, type ResolverData } from 'type-graphql';
import { validateOrReject, ValidationError, type ValidatorOptions } from 'class-validator';
import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import type { Typed } from './common/node.js';
import { ActorResolver } from './modules/actor/actor.resolver.js';
import { CasualtyResolver, casualtyRevisionResolvers } from './modules/casualty/casualty.resolver.js';
import { CountryResolver } from './modules/country/country.resolver.js';
import { DeploymentResolver, deploymentRevisionResolvers } from './modules/deployment/deployment.resolver.js';
import { EventLinkResolver, EventParticipantResolver, EventResolver } from './modules/event/event.resolver.js';
import { LocationResolver } from './modules/location/location.resolver.js';
import { NodeResolver } from './modules/node/node.resolver.js';
import { QuoteResolver } from './modules/quote/quote.resolver.js';
import { ReactionResolver } from './modules/reaction/reaction.resolver.js';
import { CitationResolver, SourceResolver } from './modules/source/source.resolver.js';
import { connectionResolvers } from './common/connection.js';
import { checkFieldDeclarations } from './common/projection.js';
import {
  CasualtyGroupKeyResolver,
  CasualtySeriesResolver,
  CasualtyStatsResolver,
  TroopGroupKeyResolver,
  TroopStatsResolver,
} from './modules/stats/stats.resolver.js';
import { CountryTotalsResolver, EventTotalsResolver } from './modules/stats/totals.resolver.js';
import { SourceMutationResolver } from './modules/source/source.mutation.js';
import { CasualtyMutationResolver, CasualtyRetractResolver } from './modules/casualty/casualty.mutation.js';
import { DeploymentMutationResolver, DeploymentRetractResolver } from './modules/deployment/deployment.mutation.js';
import { EventCreateResolver, EventRetractResolver, EventUpdateResolver } from './modules/event/event.mutation.js';
import { ActorCreateResolver, ActorMergeResolver, ActorUpdateResolver } from './modules/actor/actor.mutation.js';
import { retractionFieldOf } from './modules/editing/retraction.js';
import { Casualty } from './modules/casualty/casualty.type.js';
import { Deployment } from './modules/deployment/deployment.type.js';
import { Event } from './modules/event/event.type.js';
import { casualties, deployments, events } from '../db/schema/index.js';
import { QuoteMutationResolver } from './modules/quote/quote.mutation.js';
import { ReactionMutationResolver } from './modules/reaction/reaction.mutation.js';
import { ViewerResolver } from './modules/viewer/viewer.resolver.js';
import { historyResolvers } from './modules/history/history.resolver.js';
import { authChecker } from '../auth/auth-checker.js';
import { DatasetResolver } from './modules/dataset/dataset.resolver.js';
import { importFieldResolvers } from './modules/dataset/record-fields.js';
import { CasualtySubscriptionResolver } from './modules/casualty/casualty.subscription.js';
import { DeploymentSubscriptionResolver } from './modules/deployment/deployment.subscription.js';
import { EventSubscriptionResolver } from './modules/event/event.subscription.js';
import { CasualtyStatsSubscriptionResolver } from './modules/stats/stats.subscription.js';
import { ImportProgressResolver } from './modules/dataset/import-progress.subscription.js';
import { createPubSub } from '@graphql-yoga/subscription';

export const resolvers: NonEmptyArray<ClassType> = [
  NodeResolver,
  EventResolver,
  EventParticipantResolver,
  EventLinkResolver,
  ActorResolver,
  CasualtyResolver,
  ...casualtyRevisionResolvers,
  DeploymentResolver,
  ...deploymentRevisionResolvers,
  QuoteResolver,
  ReactionResolver,
  CountryResolver,
  LocationResolver,
  SourceResolver,
  CitationResolver,
  CasualtyStatsResolver,
  CasualtyGroupKeyResolver,
  CasualtySeriesResolver,
  TroopStatsResolver,
  TroopGroupKeyResolver,
  EventTotalsResolver,
  CountryTotalsResolver,
  ViewerResolver,
  SourceMutationResolver,
  CasualtyMutationResolver,
  CasualtyRetractResolver,
  DeploymentMutationResolver,
  DeploymentRetractResolver,
  EventCreateResolver,
  EventUpdateResolver,
  EventRetractResolver,
  ActorCreateResolver,
  ActorUpdateResolver,
  ActorMergeResolver,
  retractionFieldOf(Casualty, casualties),
  retractionFieldOf(Deployment, deployments),
  retractionFieldOf(Event, events),
  QuoteMutationResolver,
  ReactionMutationResolver,
  DatasetResolver,
  CasualtySubscriptionResolver,
  DeploymentSubscriptionResolver,
  EventSubscriptionResolver,
  CasualtyStatsSubscriptionResolver,
  ImportProgressResolver,
  ...importFieldResolvers,
  ...historyResolvers,
  ...connectionResolvers,
];

let cached: Promise<GraphQLSchema> | undefined;

/** type-graphql's own defaults for argument validation. */
const validatorOptions: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/**
 * class-validator on every object argument, as type-graphql's built-in validation does, but
 * imported once: the built-in one runs `await import('class-validator')` on each argument, a
 * round trip to the module loader (tsx's hooks thread) per resolver call.
 */
async function validateArgument(value: unknown, _type: unknown, { info }: ResolverData): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  // Mutations validate their input themselves and answer with userErrors (modules/editing/write-support.ts).
  if (info.parentType.name === 'Mutation') return;
  try {
    await (Array.isArray(value)
      ? Promise.all(
          (value as unknown[])
            .filter((item): item is object => item !== null && typeof item === 'object')
            .map((item) => validateOrReject(item, validatorOptions)),
        )
      : validateOrReject(value, validatorOptions));
  } catch (errors) {
    if (Array.isArray(errors) && errors.every((e) => e instanceof ValidationError)) throw new ArgumentValidationError(errors);
    throw errors;
  }
}

/** Builds a schema from resolver classes, refusing one with a field that declares no data needs (projection.ts). */
export async function buildAppSchema(resolverClasses: NonEmptyArray<ClassType> = resolvers): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: resolverClasses,
    validateFn: validateArgument,
    authChecker,
    // type-graphql refuses subscriptions without a pubSub. Ours all bring their own event source
    // (`subscribe`: the server's live hub, from the context), so this one never carries an event.
    pubSub: createPubSub(),
  });
  checkFieldDeclarations(schema);
  return schema;
}

/** Builds the schema once per process; class-validator checks argument constraints. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildAppSchema().then((schema) => {
    // type-graphql has no option for the root type's description; Sandbox shows it first.
    schema.getQueryType()!.description =
      'Entry points: events, actors, quotes, casualties, deployments and reactions as paginated, filterable connections; ' +
      'single objects by global ID (`node`, `event`, `actor`); countries and sources.';
    schema.getSubscriptionType()!.description =
      'Live updates over WebSocket (graphql-ws protocol) on /graphql: changes after they commit, filtered like the lists. ' +
      'Authenticate in connection_init with { authorization: "Bearer <token>" }.';
    schema.getMutationType()!.description =
      'Editors’ writes (a bearer token with the EDITOR or ADMIN role): each takes its input, answers with the object written ' +
      'and `userErrors`, and is one transaction. Send `idempotencyKey` to retry safely.';
    // type-graphql wraps resolveType in an async function; graphql-jit (jit.ts) calls it
    // synchronously. Every Node value carries its type name, so a plain read is enough.
    (schema.getType('Node') as GraphQLInterfaceType).resolveType = (value: Typed) => value.__typename;
    return schema;
  });
  return cached;
}
