import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Node } from '../../common/node.js';
import { fromGlobalId, type NodeTypeName } from '../../common/global-id.js';
import type { Context } from '../../context.js';
import { toActor } from '../actor/actor.type.js';
import { loadActor } from '../actor/actor.resolver.js';
import { toCasualty } from '../casualty/casualty.type.js';
import { toDeployment } from '../deployment/deployment.type.js';
import { toEvent } from '../event/event.type.js';
import { loadEvent } from '../event/event.resolver.js';
import { toQuote } from '../quote/quote.type.js';
import { toReaction } from '../reaction/reaction.type.js';
import { toSource } from '../source/source.type.js';
import { loadDataset } from '../dataset/dataset.resolver.js';
import { Reads } from '../../common/projection.js';

/** How to fetch each Node type by row id, through the request's loaders. */
const fetchers: Record<NodeTypeName, (context: Context, rowId: number, info: GraphQLResolveInfo) => Promise<Node | null>> = {
  Event: (context, id, info) => loadEvent(context, id, info).then((row) => (row ? toEvent(row) : null)),
  Actor: ({ loaders: l }, id) => loadActor(l, id).then((row) => (row ? toActor(row) : null)),
  Casualty: ({ loaders: l }, id) => l.casualty.load(id).then((row) => (row ? toCasualty(row) : null)),
  Deployment: ({ loaders: l }, id) => l.deployment.load(id).then((row) => (row ? toDeployment(row) : null)),
  Quote: ({ loaders: l }, id) => l.quote.load(id).then((row) => (row ? toQuote(row) : null)),
  Reaction: ({ loaders: l }, id) => l.reaction.load(id).then((row) => (row ? toReaction(row) : null)),
  Source: ({ loaders: l }, id) => l.source.load(id).then((row) => (row ? toSource(row) : null)),
  Dataset: (context, id) => loadDataset(context, id),
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'Any object with a global ID (Event, Actor, Casualty, Deployment, Quote, Reaction, Source, Dataset); null if none has it. ' +
      'A malformed ID is BAD_USER_INPUT.',
  })
  @Reads()
  async node(
    @Arg('id', () => ID, { description: 'A global ID from any `id` field.' }) id: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    const { type, rowId } = fromGlobalId(id);
    return fetchers[type](context, rowId, info);
  }
}
