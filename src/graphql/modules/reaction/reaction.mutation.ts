import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { Length, ValidateNested } from 'class-validator';
import { reactions } from '../../../db/schema/index.js';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { ReactionStance } from '../../common/enums.js';
import { Reads } from '../../common/projection.js';
import { CitationInput, FuzzyDateInput } from '../editing/inputs.js';
import { payloadOf, payloadType, type Payload } from '../editing/payload.js';
import { dateErrors, dateValues, inputErrors, resolveReferences, write, writeCitation } from '../editing/write-support.js';
import { Reaction, toReaction } from './reaction.type.js';

@InputType({ description: 'How an actor responded to an event, as a source reports it.' })
export class ReactionAddInput {
  @Field(() => ID, { description: 'Who reacted (an Actor ID).' })
  actor!: string;

  @Field(() => ID, { description: 'What they reacted to (an Event ID).' })
  event!: string;

  @Field(() => ReactionStance, { description: 'The stance taken.' })
  stance!: ReactionStance;

  @Field(() => String, { description: 'What the actor did or said, in brief.' })
  @Length(1, 1000)
  summary!: string;

  @Field(() => FuzzyDateInput, { description: 'When, as precisely as reported.' })
  @ValidateNested()
  occurredOn!: FuzzyDateInput;

  @Field(() => CitationInput, { description: 'Where it was reported.' })
  @ValidateNested()
  citation!: CitationInput;
}

export const ReactionPayload = payloadType(Reaction, 'reaction', 'ReactionAddPayload', '`reactionAdd`');
type ReactionPayload = Payload<Reaction>;

@Resolver()
export class ReactionMutationResolver {
  @Mutation(() => ReactionPayload, { description: 'Records how an actor reacted to an event, with its source. Needs EDITOR.' })
  @Authorized(Role.EDITOR)
  @Reads()
  async reactionAdd(
    @Arg('input', () => ReactionAddInput, { description: 'The reaction and its source.' }) input: ReactionAddInput,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Send the same key to retry safely: the first answer is returned.',
    })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<ReactionPayload> {
    const errors = [...(await inputErrors(input, ['input'])), ...dateErrors(input.occurredOn, ['input', 'occurredOn'])];
    if (errors.length) return { node: null, userErrors: errors };

    const outcome = await write(context, 'reactionAdd', input, { idempotencyKey }, async (tx) => {
      const refs = await resolveReferences(tx, {
        actor: { field: ['input', 'actor'], type: 'Actor', table: 'actors', id: input.actor },
        event: { field: ['input', 'event'], type: 'Event', table: 'events', id: input.event },
      });
      const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
      if (refs.userErrors || citation.userErrors) return { userErrors: [...(refs.userErrors ?? []), ...(citation.userErrors ?? [])] };
      const [row] = await tx
        .insert(reactions)
        .values({
          actorId: refs.ok.actor as number,
          eventId: refs.ok.event as number,
          stance: input.stance,
          summary: input.summary,
          ...dateValues(input.occurredOn),
          citationId: citation.ok,
        })
        .returning({ id: reactions.id });
      return { ok: row!.id };
    });
    return payloadOf(outcome, (id) => context.loaders.reaction.load(id), toReaction);
  }
}
