import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { DatePrecision, FigureQualifier } from '../../common/enums.js';
import { DateScalar } from '../../common/scalars.js';
import { MAX_FIGURE } from '../../../write/figure-rules.js';

@InputType({ description: 'A number as the source reports it. Which bounds to give depends on the qualifier (see FigureQualifier).' })
export class FigureInput {
  @Field(() => Int, { nullable: true, description: 'Lowest value the wording allows ("at least 12" → 12).' })
  @IsOptional()
  @Min(0)
  @Max(MAX_FIGURE)
  low?: number | null;

  @Field(() => Int, { nullable: true, description: 'The number reported.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_FIGURE)
  best?: number | null;

  @Field(() => Int, { nullable: true, description: 'Highest value the wording allows ("as many as 30" → 30).' })
  @IsOptional()
  @Min(0)
  @Max(MAX_FIGURE)
  high?: number | null;

  @Field(() => FigureQualifier, { description: 'How exact the number is.' })
  qualifier!: FigureQualifier;

  @Field(() => String, { description: 'The source’s own words for the number, verbatim ("at least 12 killed").' })
  @Length(1, 500)
  wording!: string;
}

@InputType({ description: 'Where a fact comes from: the source, the passage it rests on (verbatim), and whom the source credits.' })
export class CitationInput {
  @Field(() => ID, { description: 'The Source (a Source ID; create it with `sourceCreate`).' })
  source!: string;

  @Field(() => String, {
    description: 'The words of the source the fact rests on, verbatim. When the source’s text is stored, it must occur in it.',
  })
  @Length(1, 5000)
  passage!: string;

  @Field(() => String, { nullable: true, description: 'Whom the source credits, in its words ("according to the Iraqi military").' })
  @IsOptional()
  @MaxLength(500)
  attribution?: string | null;

  @Field(() => ID, { nullable: true, description: 'The credited actor, when it is one (an Actor ID).' })
  @IsOptional()
  attributedTo?: string | null;
}

@InputType({
  description: 'A date as precise as the source: the day, month or year it names, or (RANGE) the earliest and latest possible day.',
})
export class FuzzyDateInput {
  @Field(() => DateScalar, { description: 'The day; for MONTH or YEAR the first day of the month or year; for RANGE the earliest day.' })
  date!: string;

  @Field(() => DatePrecision, { description: 'Whether the day, only the month or year, or a range of days is known.' })
  precision!: DatePrecision;

  @Field(() => DateScalar, { nullable: true, description: 'For RANGE only: the latest possible day.' })
  @IsOptional()
  end?: string | null;
}
