import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { CasualtyKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { Figure, figureColumnKeys, toFigure } from '../../common/figure.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import { instance } from '../../common/instance.js';
import { retractionColumnKeys, RevisionField } from '../../common/editorial.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { casualties } from '../../../db/schema/index.js';

/** The columns Casualty values are built from (see RowShape). */
export const casualtyShape = rowShape(casualties, [
  'id',
  'kind',
  ...figureColumnKeys,
  'victimDescription',
  ...fuzzyDateColumnKeys,
  'eventId',
  'victimCountryCode',
  'affiliatedActorId',
  'citationId',
  'revision',
  'datasetId',
  'deathsSideA',
  'deathsSideB',
  'deathsCivilians',
  'deathsUnknown',
  'bestOutsideInterval',
  'reportedLow',
  'reportedHigh',
  ...retractionColumnKeys,
]);
export type CasualtyRead = RowOf<typeof casualtyShape>;

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'People killed or injured in an event, as one reported figure with its source.',
})
@casualtyShape.Type()
export class Casualty implements Node {
  __typename!: 'Casualty';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @casualtyShape.Reads('id')
  id!: string;

  @Field(() => CasualtyKind, { description: 'Killed or injured.' })
  @casualtyShape.Reads('kind')
  kind!: CasualtyKind;

  @Field(() => Figure, { description: 'How many, as reported (bounds, best estimate, qualifier, wording).' })
  @casualtyShape.Reads(...figureColumnKeys)
  figure!: Figure;

  @Field(() => String, { description: 'Who the victims were, in the source\'s words ("U.S. defense contractor").' })
  @casualtyShape.Reads('victimDescription')
  victims!: string;

  @Field(() => FuzzyDate, { description: 'When, as precisely as reported.' })
  @casualtyShape.Reads(...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  @RevisionField(casualtyShape)
  revision!: number;

  row!: CasualtyRead;
}

export const toCasualty = (row: CasualtyRead): Casualty =>
  instance(Casualty, {
    __typename: 'Casualty',
    id: toGlobalId('Casualty', row.id),
    kind: row.kind,
    figure: toFigure(row),
    victims: row.victimDescription,
    occurredOn: toFuzzyDate(row),
    revision: row.revision,
    row,
  });

export const { Connection: CasualtyConnection } = connectionTypes(Casualty, 'Casualty');
