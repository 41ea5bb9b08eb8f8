import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type DataLoader from 'dataloader';
import type { casualties, casualtyRevisions, deployments } from '../../../db/schema/index.js';
import { holdsRoles, Role } from '../../../auth/roles.js';
import { Figure, toFigure } from '../../common/figure.js';
import { Reads } from '../../common/projection.js';
import { toInstant } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import { Citation, loadCitation } from '../source/source.type.js';

/** What every version row holds (casualty_revisions, deployment_revisions): the figure, citation, who, when and why. */
export type VersionRow = Omit<typeof casualtyRevisions.$inferSelect, 'id' | 'casualtyId'>;

/**
 * What the versions of every revisable fact show; CasualtyRevision and DeploymentRevision extend
 * it with what their versions keep besides. Not in the schema itself: no field returns it.
 */
@ObjectType({ description: 'One version of a fact.' })
export abstract class Revision {
  @Field(() => Int, { description: 'The version number, from 1.' })
  revision!: number;

  @Field(() => Figure, { description: 'The figure as recorded in this version.' })
  figure!: Figure;

  @Field(() => Boolean, { description: 'Whether this version retracted the record.' })
  retracted!: boolean;

  @Field(() => GraphQLDateTime, { description: 'When this version was recorded.' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why the record changed, in the editor’s words; null for a first version.' })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who recorded it (the token’s subject); shown to editors and admins only, null for other readers and for imports.',
  })
  editor!: string | null;

  row!: VersionRow;
}

/** The fields every version shows, from its row; `editor` only when the viewer may see it. */
export const revisionValues = (row: VersionRow, showEditor: boolean) => ({
  revision: row.revision,
  figure: toFigure(row),
  retracted: row.retracted,
  recordedAt: toInstant(row.recordedAt),
  reason: row.reason || null,
  editor: showEditor ? row.editor : null,
  row,
});

/**
 * `revisions` on a revisable type (`Parent`, whose versions `loader` gives oldest first), newest
 * first, and `citation` on its version type: the two resolver classes, built alike for casualties
 * and deployments.
 */
export function revisionResolvers<P extends { row: { id: number } }, Row extends VersionRow, R extends Revision>(
  Parent: ClassType<P>,
  RevisionType: ClassType<R>,
  table: typeof casualties | typeof deployments,
  loader: (loaders: Context['loaders']) => DataLoader<number, Row[]>,
  toRevision: (row: Row, showEditor: boolean) => R,
): ClassType[] {
  @Resolver(() => Parent)
  class RevisionsResolver {
    @FieldResolver(() => [RevisionType], {
      description: 'Every version, newest first: the first report, each change and a retraction, with source, reason and when.',
    })
    @Reads(table, 'id')
    async revisions(@Root() { row }: P, @Ctx() { loaders, viewer }: Context): Promise<R[]> {
      const showEditor = holdsRoles(viewer, [Role.EDITOR]);
      return (await loader(loaders).load(row.id)).map((version) => toRevision(version, showEditor)).reverse();
    }
  }

  @Resolver(() => RevisionType)
  class RevisionCitationResolver {
    @FieldResolver(() => Citation, { description: 'Where this version’s figure comes from.' })
    citation(@Root() revision: R, @Ctx() { loaders }: Context): Promise<Citation> {
      return loadCitation(loaders, revision.row.citationId);
    }
  }
  return [RevisionsResolver, RevisionCitationResolver];
}
