import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Figure, toFigure } from '../../common/figure.js';
import { instance } from '../../common/instance.js';
import { ReadsNoRows } from '../../common/projection.js';
import { toInstant } from '../../common/scalars.js';
import type { ListRowOf } from '../../relations.js';

export type CasualtyRevisionRow = ListRowOf<'revisionsByCasualty'>;

@ObjectType({
  simpleResolvers: true,
  description: 'One version of a casualty figure: what was recorded, from which source, by whom, when and why.',
})
@ReadsNoRows()
export class CasualtyRevision {
  @Field(() => Int, { description: 'The version number, from 1.' })
  revision!: number;

  @Field(() => Figure, { description: 'The figure as recorded in this version.' })
  figure!: Figure;

  @Field(() => Boolean, { description: 'Whether this version retracted the record.' })
  retracted!: boolean;

  @Field(() => GraphQLDateTime, { description: 'When this version was recorded.' })
  recordedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why the figure changed, in the editor’s words; null for a first version.' })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who recorded it (the token’s subject); shown to editors and admins only, null for other readers and for imports.',
  })
  editor!: string | null;

  row!: CasualtyRevisionRow;
}

export const toCasualtyRevision = (row: CasualtyRevisionRow, showEditor: boolean): CasualtyRevision =>
  instance(CasualtyRevision, {
    revision: row.revision,
    figure: toFigure(row),
    retracted: row.retracted,
    recordedAt: toInstant(row.recordedAt),
    reason: row.reason || null,
    editor: showEditor ? row.editor : null,
    row,
  });
