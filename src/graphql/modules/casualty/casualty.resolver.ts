import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { casualties } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';

import { rootConnection } from '../../common/root-connection.js';
import { loadOptional, loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Country, toCountry } from '../country/country.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Citation, loadCitation } from '../source/source.type.js';
import { Casualty, CasualtyConnection, toCasualty, casualtyShape, type CasualtyRead } from './casualty.type.js';
import { CasualtyFilter, CasualtyOrder, CasualtyOrderField } from './casualty.input.js';
import { casualtyConditions } from './casualty.filter.js';
import { Reads } from '../../common/projection.js';
import { includeRetractedArg, includeRetractedFor } from '../../common/editorial.js';
import { CasualtyRevision, toCasualtyRevision } from './casualty-revision.type.js';
import { revisionResolvers } from '../editing/revision.js';

const casualtiesPage = rootConnection<CasualtyRead, Casualty, CasualtyFilter>({
  connection: 'casualties',
  table: casualties,
  sort: { name: CasualtyOrderField.OCCURRED_ON, column: casualties.occurredOn, value: (row) => row.occurredOn },
  conditions: casualtyConditions,
  toNode: toCasualty,
});

@Resolver(() => Casualty)
export class CasualtyResolver {
  @Query(() => CasualtyConnection, { description: 'Casualty records (one reported figure each), oldest first by default.' })
  @Reads()
  async casualties(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Conditions the records must meet.' })
    filter: CasualtyFilter | null,
    @Arg('orderBy', () => CasualtyOrder, { nullable: true, description: 'Sort order; default oldest first.' })
    orderBy: CasualtyOrder | null,
    @Arg('includeRetracted', () => Boolean, includeRetractedArg) includeRetracted: boolean | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Casualty>> {
    return casualtiesPage({ first, after }, filter, orderBy, context, info, includeRetractedFor(context.viewer, includeRetracted));
  }

  @FieldResolver(() => Event, { description: 'The event the casualties occurred in.' })
  @casualtyShape.Reads('eventId')
  async event(@Root() casualty: Casualty, @Ctx() { loaders }: Context): Promise<Event> {
    return toEvent(await loadRequired(loaders.event, casualty.row.eventId, 'event'));
  }

  @FieldResolver(() => Country, { nullable: true, description: "The victims' country, when the source lets us say." })
  @casualtyShape.Reads('victimCountryCode')
  async victimCountry(@Root() casualty: Casualty, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, casualty.row.victimCountryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The force, militia or body the victims belonged to, if known.' })
  @casualtyShape.Reads('affiliatedActorId')
  async affiliation(@Root() casualty: Casualty, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, casualty.row.affiliatedActorId);
    return row && toActor(row);
  }

  @FieldResolver(() => Citation, { description: 'Where the figure comes from.' })
  @casualtyShape.Reads('citationId')
  async citation(@Root() casualty: Casualty, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, casualty.row.citationId);
  }
}

export const casualtyRevisionResolvers = revisionResolvers(
  Casualty,
  CasualtyRevision,
  casualties,
  (l) => l.revisionsByCasualty,
  toCasualtyRevision,
);
