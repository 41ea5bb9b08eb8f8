import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { asc } from 'drizzle-orm';
import { sources } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { loadOptional, loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Citation, Source, toSource, citationShape } from './source.type.js';
import { Reads } from '../../common/projection.js';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: 'Every article the data was built from.' })
  @Reads()
  async sources(@Ctx() { db }: Context): Promise<Source[]> {
    return (await db.select().from(sources).orderBy(asc(sources.id))).map(toSource);
  }
}

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: 'The article the passage is from.' })
  @citationShape.Reads('sourceId')
  async source(@Root() citation: Citation, @Ctx() { loaders }: Context): Promise<Source> {
    return toSource(await loadRequired(loaders.source, citation.row.sourceId, 'source'));
  }

  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'The outlet or body the article credits (the AP, the Department of Defense…), if any.',
  })
  @citationShape.Reads('attributedToActorId')
  async attributedTo(@Root() citation: Citation, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, citation.row.attributedToActorId);
    return row && toActor(row);
  }
}
