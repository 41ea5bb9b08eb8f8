import { ObjectType } from 'type-graphql';
import { instance } from '../../common/instance.js';
import { ReadsNoRows } from '../../common/projection.js';
import type { ListRowOf } from '../../relations.js';
import { Revision, revisionValues } from '../editing/revision.js';

export type CasualtyRevisionRow = ListRowOf<'revisionsByCasualty'>;

@ObjectType({
  simpleResolvers: true,
  description: 'One version of a casualty figure: what was recorded, from which source, by whom, when and why.',
})
@ReadsNoRows()
export class CasualtyRevision extends Revision {}

export const toCasualtyRevision = (row: CasualtyRevisionRow, showEditor: boolean): CasualtyRevision =>
  instance(CasualtyRevision, revisionValues(row, showEditor));
