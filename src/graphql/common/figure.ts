import { Field, Int, ObjectType } from 'type-graphql';
import { FigureQualifier } from './enums.js';
import { ReadsNoRows } from './projection.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'A number as the news reported it: bounds, a best estimate, how exact it is, and the words used. ' +
    'Null bounds mean the source gives none ("roughly 5,200" has a best estimate but no bounds).',
})
@ReadsNoRows()
export class Figure {
  @Field(() => Int, { nullable: true, description: 'Lowest value the wording allows, if it sets one ("more than 450" → 451).' })
  low!: number | null;

  @Field(() => Int, { nullable: true, description: 'The number reported, if one is given.' })
  best!: number | null;

  @Field(() => Int, { nullable: true, description: 'Highest value the wording allows, if it sets one ("as many as 30" → 30).' })
  high!: number | null;

  @Field(() => FigureQualifier, { description: 'How exact the number is.' })
  qualifier!: FigureQualifier;

  @Field(() => String, { description: 'The source\'s own words for the number, verbatim ("roughly 5,200 troops").' })
  wording!: string;
}

/** The row columns toFigure reads: what a field built with it declares (projection.ts). */
export const figureColumnKeys = ['figureLow', 'figureBest', 'figureHigh', 'figureQualifier', 'figureWording'] as const;

export function toFigure(row: {
  figureLow: number | null;
  figureBest: number | null;
  figureHigh: number | null;
  figureQualifier: FigureQualifier;
  figureWording: string;
}): Figure {
  return { low: row.figureLow, best: row.figureBest, high: row.figureHigh, qualifier: row.figureQualifier, wording: row.figureWording };
}
