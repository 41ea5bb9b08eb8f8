import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { CasualtyKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { Figure, figureColumnKeys, toFigure } from '../../common/figure.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { CasualtyRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { casualties } from '../../../db/schema/index.js';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'People killed or injured in an event, as one reported figure with its source.',
})
export class Casualty implements Node {
  __typename!: 'Casualty';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @Reads(casualties, 'id')
  id!: string;

  @Field(() => CasualtyKind, { description: 'Killed or injured.' })
  @Reads(casualties, 'kind')
  kind!: CasualtyKind;

  @Field(() => Figure, { description: 'How many, as reported (bounds, best estimate, qualifier, wording).' })
  @Reads(casualties, ...figureColumnKeys)
  figure!: Figure;

  @Field(() => String, { description: 'Who the victims were, in the source\'s words ("U.S. defense contractor").' })
  @Reads(casualties, 'victimDescription')
  victims!: string;

  @Field(() => FuzzyDate, { description: 'When, as precisely as reported.' })
  @Reads(casualties, ...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  row!: CasualtyRow;
}

export const toCasualty = (row: CasualtyRow): Casualty =>
  instance(Casualty, {
    __typename: 'Casualty',
    id: toGlobalId('Casualty', row.id),
    kind: row.kind,
    figure: toFigure(row),
    victims: row.victimDescription,
    occurredOn: toFuzzyDate(row),
    row,
  });

export const { Connection: CasualtyConnection } = connectionTypes(Casualty, 'Casualty');
