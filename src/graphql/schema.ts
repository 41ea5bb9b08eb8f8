import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { ActorResolver } from './modules/actor/actor.resolver.js';
import { CasualtyResolver } from './modules/casualty/casualty.resolver.js';
import { CountryResolver } from './modules/country/country.resolver.js';
import { DeploymentResolver } from './modules/deployment/deployment.resolver.js';
import { EventLinkResolver, EventParticipantResolver, EventResolver } from './modules/event/event.resolver.js';
import { LocationResolver } from './modules/location/location.resolver.js';
import { NodeResolver } from './modules/node/node.resolver.js';
import { QuoteResolver } from './modules/quote/quote.resolver.js';
import { ReactionResolver } from './modules/reaction/reaction.resolver.js';
import { CitationResolver, SourceResolver } from './modules/source/source.resolver.js';
import { connectionResolvers } from './common/connection.js';
import {
  CasualtyGroupKeyResolver, CasualtySeriesResolver, CasualtyStatsResolver, TroopGroupKeyResolver, TroopStatsResolver,
} from './modules/stats/stats.resolver.js';
import { CountryTotalsResolver, EventTotalsResolver } from './modules/stats/totals.resolver.js';

export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  EventResolver,
  EventParticipantResolver,
  EventLinkResolver,
  ActorResolver,
  CasualtyResolver,
  DeploymentResolver,
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
  ...connectionResolvers,
];

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process; class-validator checks argument constraints. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
  }).then((schema) => {
    // type-graphql has no option for the root type's description; Sandbox shows it first.
    schema.getQueryType()!.description =
      'Entry points: events, actors, quotes, casualties, deployments and reactions as paginated, filterable connections; ' +
      'single objects by global ID (`node`, `event`, `actor`); countries and sources.';
    return schema;
  });
  return cached;
}
