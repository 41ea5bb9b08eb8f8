import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { ReactionStance } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { ReactionRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { reactions } from '../../../db/schema/index.js';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'How an actor responded to an event: condemned, supported, threatened, mourned, urged restraint…',
})
export class Reaction implements Node {
  __typename!: 'Reaction';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  id!: string;

  @Field(() => ReactionStance, { description: 'The stance taken.' })
  stance!: ReactionStance;

  @Field(() => String, { description: 'What the actor did or said, in brief.' })
  summary!: string;

  @Field(() => FuzzyDate, { description: 'When, as precisely as reported.' })
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

// What each field reads of rows (see projection.ts); actor's resolver is in reaction.resolver.ts.
declareColumnReads('Reaction', {
  id: [reads(reactions, 'id')],
  stance: [reads(reactions, 'stance')],
  summary: [reads(reactions, 'summary')],
  occurredOn: [reads(reactions, ...fuzzyDateColumnKeys)],
  actor: [reads(reactions, 'actorId')],
  // Field resolvers (reaction.resolver.ts).
  event: [reads(reactions, 'eventId')],
  quotes: [reads(reactions, 'id')],
  citation: [reads(reactions, 'citationId')],
});

export const { Connection: ReactionConnection } = connectionTypes(Reaction, 'Reaction');
