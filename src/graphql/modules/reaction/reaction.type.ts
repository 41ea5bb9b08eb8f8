import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { ReactionStance } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { ReactionRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { reactions } from '../../../db/schema/index.js';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'How an actor responded to an event: condemned, supported, threatened, mourned, urged restraint…',
})
export class Reaction implements Node {
  __typename!: 'Reaction';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @Reads(reactions, 'id')
  id!: string;

  @Field(() => ReactionStance, { description: 'The stance taken.' })
  @Reads(reactions, 'stance')
  stance!: ReactionStance;

  @Field(() => String, { description: 'What the actor did or said, in brief.' })
  @Reads(reactions, 'summary')
  summary!: string;

  @Field(() => FuzzyDate, { description: 'When, as precisely as reported.' })
  @Reads(reactions, ...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  row!: ReactionRow;
}

export const toReaction = (row: ReactionRow): Reaction =>
  instance(Reaction, {
    __typename: 'Reaction',
    id: toGlobalId('Reaction', row.id),
    stance: row.stance,
    summary: row.summary,
    occurredOn: toFuzzyDate(row),
    row,
  });

export const { Connection: ReactionConnection } = connectionTypes(Reaction, 'Reaction');
