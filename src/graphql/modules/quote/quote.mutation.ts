import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../db/client.js';
import { quotes } from '../../../db/schema/index.js';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { QuoteMedium } from '../../common/enums.js';
import { Reads } from '../../common/projection.js';
import { passageOccursIn } from '../../../write/passage.js';
import { userError, UserErrorCode } from '../../../write/user-error.js';
import { CitationInput, FuzzyDateInput } from '../editing/inputs.js';
import { payloadOf, payloadType, type Payload } from '../editing/payload.js';
import { dateErrors, dateValues, idOf, inputErrors, resolveReferences, write, writeCitation } from '../editing/write-support.js';
import { Quote, toQuote } from './quote.type.js';

@InputType({ description: 'Words someone said, verbatim as the source prints them.' })
export class QuoteAddInput {
  @Field(() => String, { description: 'The words, verbatim, typos included. When the source’s text is stored they must occur in it.' })
  @Length(1, 5000)
  text!: string;

  @Field(() => ID, { description: 'Who said it (an Actor ID).' })
  speaker!: string;

  @Field(() => QuoteMedium, { description: 'How it was delivered.' })
  medium!: QuoteMedium;

  @Field(() => FuzzyDateInput, { description: 'When it was said, as precisely as reported.' })
  @ValidateNested()
  occurredOn!: FuzzyDateInput;

  @Field(() => ID, { nullable: true, description: 'The event it is about (an Event ID).' })
  @IsOptional()
  event?: string | null;

  @Field(() => ID, { nullable: true, description: 'The reaction it expresses (a Reaction ID).' })
  @IsOptional()
  reaction?: string | null;

  @Field(() => CitationInput, { description: 'Where it was printed.' })
  @ValidateNested()
  citation!: CitationInput;
}

export const QuotePayload = payloadType(Quote, 'quote', 'QuoteAddPayload', '`quoteAdd`');
type QuotePayload = Payload<Quote>;

@Resolver()
export class QuoteMutationResolver {
  @Mutation(() => QuotePayload, { description: 'Adds a quote, verbatim, with its speaker and source. Needs EDITOR.' })
  @Authorized(Role.EDITOR)
  @Reads()
  async quoteAdd(
    @Arg('input', () => QuoteAddInput, { description: 'The words, who said them, and where they were printed.' }) input: QuoteAddInput,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Send the same key to retry safely: the first answer is returned.',
    })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<QuotePayload> {
    const errors = [...(await inputErrors(input, ['input'])), ...dateErrors(input.occurredOn, ['input', 'occurredOn'])];
    if (errors.length) return { node: null, userErrors: errors };

    const outcome = await write(context, 'quoteAdd', input, { idempotencyKey }, async (tx) => {
      const refs = await resolveReferences(tx, {
        speaker: { field: ['input', 'speaker'], type: 'Actor', table: 'actors', id: input.speaker },
        event: { field: ['input', 'event'], type: 'Event', table: 'events', id: input.event },
        reaction: { field: ['input', 'reaction'], type: 'Reaction', table: 'reactions', id: input.reaction },
      });
      const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
      const misquoted = await quoteNotInSource(tx, input);
      if (refs.userErrors || citation.userErrors || misquoted.length) {
        return { userErrors: [...(refs.userErrors ?? []), ...(citation.userErrors ?? []), ...misquoted] };
      }
      const [row] = await tx
        .insert(quotes)
        .values({
          text: input.text,
          speakerActorId: refs.ok.speaker as number,
          eventId: refs.ok.event as number | null,
          reactionId: refs.ok.reaction as number | null,
          ...dateValues(input.occurredOn),
          medium: input.medium,
          citationId: citation.ok,
        })
        .returning({ id: quotes.id });
      return { ok: row!.id };
    });
    return payloadOf(outcome, (id) => context.loaders.quote.load(id), toQuote);
  }
}

/** A quote is the speaker's words as printed: with the source's text stored, they must occur in it too, not only the passage. */
async function quoteNotInSource(tx: Database, input: QuoteAddInput) {
  const sourceId = idOf('Source', input.citation.source, ['input', 'citation', 'source']);
  if (typeof sourceId !== 'number') return [];
  const [source] = await queryRows<{ full_text: string | null }>(tx, sql`SELECT full_text FROM sources WHERE id = ${sourceId}`);
  if (!source?.full_text || passageOccursIn(input.text, source.full_text)) return [];
  return [
    userError(
      ['input', 'text'],
      UserErrorCode.PASSAGE_NOT_IN_SOURCE,
      'The quote does not occur in the source’s stored text; quote it verbatim.',
    ),
  ];
}
