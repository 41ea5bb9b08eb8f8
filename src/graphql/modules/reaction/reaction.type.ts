import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { ReactionStance } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import { instance } from '../../common/instance.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { reactions } from '../../../db/schema/index.js';

/** The columns Reaction values are built from (see RowShape). */
export const reactionShape = rowShape(reactions, [
  'id',
  'stance',
  'summary',
  ...fuzzyDateColumnKeys,
  'actorId',
  'eventId',
  'citationId',
  'datasetId',
]);
export type ReactionRead = RowOf<typeof reactionShape>;

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'How an actor responded to an event: condemned, supported, threatened, mourned, urged restraint…',
})
@reactionShape.Type()
export class Reaction implements Node {
  __typename!: 'Reaction';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @reactionShape.Reads('id')
  id!: string;

  @Field(() => ReactionStance, { description: 'The stance taken.' })
  @reactionShape.Reads('stance')
  stance!: ReactionStance;

  @Field(() => String, { description: 'What the actor did or said, in brief.' })
  @reactionShape.Reads('summary')
  summary!: string;

  @Field(() => FuzzyDate, { description: 'When, as precisely as reported.' })
  @reactionShape.Reads(...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  row!: ReactionRead;
}

export const toReaction = (row: ReactionRead): Reaction =>
  instance(Reaction, {
    __typename: 'Reaction',
    id: toGlobalId('Reaction', row.id),
    stance: row.stance,
    summary: row.summary,
    occurredOn: toFuzzyDate(row),
    row,
  });

export const { Connection: ReactionConnection } = connectionTypes(Reaction, 'Reaction');
