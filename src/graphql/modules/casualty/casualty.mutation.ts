import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { and, eq } from 'drizzle-orm';
import { casualties } from '../../../db/schema/index.js';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { CasualtyKind } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { Reads } from '../../common/projection.js';
import { ExpectedRevisionField } from '../../common/editorial.js';
import { figureErrors } from '../../../write/figure-rules.js';
import type { UserErrorValue } from '../../../write/user-error.js';
import { CitationInput, FigureInput, FuzzyDateInput } from '../editing/inputs.js';
import { payloadOf, payloadType, type Payload } from '../editing/payload.js';
import type { Outcome } from '../../../write/transaction.js';
import {
  dateErrors,
  dateValues,
  figureValues,
  idempotencyKeyArg,
  idOf,
  inputErrors,
  lockRevision,
  resolveReferences,
  write,
  writeCitation,
} from '../editing/write-support.js';
import { Casualty, toCasualty } from './casualty.type.js';
import { retractionMutation } from '../editing/retraction.js';

@InputType({ description: 'A casualty figure as a source reports it, for one event.' })
export class CasualtyReportInput {
  @Field(() => ID, { description: 'The event the casualties occurred in (an Event ID).' })
  event!: string;

  @Field(() => CasualtyKind, { description: 'Killed or injured.' })
  kind!: CasualtyKind;

  @Field(() => FigureInput, { description: 'How many, as reported.' })
  @ValidateNested()
  figure!: FigureInput;

  @Field(() => String, { description: 'Who the victims were, in the source’s words ("U.S. defense contractor").' })
  @Length(1, 500)
  victims!: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'The victims’ country, when the source says.' })
  @IsOptional()
  victimCountry?: string | null;

  @Field(() => ID, { nullable: true, description: 'The force or body the victims belonged to (an Actor ID).' })
  @IsOptional()
  affiliation?: string | null;

  @Field(() => FuzzyDateInput, { description: 'When, as precisely as reported.' })
  @ValidateNested()
  occurredOn!: FuzzyDateInput;

  @Field(() => CitationInput, { description: 'Where the figure comes from.' })
  @ValidateNested()
  citation!: CitationInput;
}

@InputType({ description: 'A new figure for a casualty record, with its source; earlier figures stay in `revisions`.' })
export class CasualtyReviseInput {
  @Field(() => ID, { description: 'The casualty record (a Casualty ID).' })
  casualty!: string;

  @ExpectedRevisionField()
  expectedRevision!: number;

  @Field(() => FigureInput, { description: 'The figure as now reported.' })
  @ValidateNested()
  figure!: FigureInput;

  @Field(() => CitationInput, { description: 'The source of the new figure.' })
  @ValidateNested()
  citation!: CitationInput;

  @Field(() => String, { description: 'Why it changed, e.g. "health ministry raised its count".' })
  @Length(1, 1000)
  reason!: string;
}

export const CasualtyPayload = payloadType(
  Casualty,
  'casualty',
  'CasualtyPayload',
  '`casualtyReport`, `casualtyRevise` or `casualtyRetract`',
);
type CasualtyPayload = Payload<Casualty>;

@Resolver()
export class CasualtyMutationResolver {
  @Mutation(() => CasualtyPayload, { description: 'Reports a casualty figure for an event, with its citation. Needs EDITOR.' })
  @Authorized(Role.EDITOR)
  @Reads()
  async casualtyReport(
    @Arg('input', () => CasualtyReportInput, { description: 'The figure, its event and its source.' })
    input: CasualtyReportInput,
    @Arg('idempotencyKey', () => String, idempotencyKeyArg) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<CasualtyPayload> {
    const errors: UserErrorValue[] = [
      ...(await inputErrors(input, ['input'])),
      ...figureErrors(input.figure, ['input', 'figure']),
      ...dateErrors(input.occurredOn, ['input', 'occurredOn']),
    ];
    if (errors.length) return { node: null, userErrors: errors };

    const outcome = await write(context, 'casualtyReport', input, { idempotencyKey }, async (tx, { publishChange }) => {
      const refs = await resolveReferences(tx, {
        event: { field: ['input', 'event'], type: 'Event', table: 'events', id: input.event },
        affiliation: { field: ['input', 'affiliation'], type: 'Actor', table: 'actors', id: input.affiliation },
        victimCountry: { field: ['input', 'victimCountry'], country: input.victimCountry },
      });
      const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
      if (refs.userErrors || citation.userErrors) return { userErrors: [...(refs.userErrors ?? []), ...(citation.userErrors ?? [])] };
      const [row] = await tx
        .insert(casualties)
        .values({
          eventId: refs.ok.event as number,
          kind: input.kind,
          ...figureValues(input.figure),
          victimDescription: input.victims,
          victimCountryCode: refs.ok.victimCountry as string | null,
          affiliatedActorId: refs.ok.affiliation as number | null,
          ...dateValues(input.occurredOn),
          citationId: citation.ok,
        })
        .returning({ id: casualties.id });
      publishChange('REPORTED', 'Casualty', row!.id);
      return { ok: row!.id };
    });
    return payload(context, outcome);
  }

  @Mutation(() => CasualtyPayload, {
    description: 'Records a new figure for a casualty record; the earlier one stays in `revisions`. Needs EDITOR.',
  })
  @Authorized(Role.EDITOR)
  @Reads()
  async casualtyRevise(
    @Arg('input', () => CasualtyReviseInput, { description: 'The record, the revision you read, the new figure and why.' })
    input: CasualtyReviseInput,
    @Arg('idempotencyKey', () => String, idempotencyKeyArg) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<CasualtyPayload> {
    const errors = [...(await inputErrors(input, ['input'])), ...figureErrors(input.figure, ['input', 'figure'])];
    const id = idOf('Casualty', input.casualty, ['input', 'casualty']);
    if (typeof id !== 'number') errors.push(id);
    if (errors.length) return { node: null, userErrors: errors };
    const casualtyId = id as number;

    const outcome = await write(
      context,
      'casualtyRevise',
      input,
      { idempotencyKey, reason: input.reason },
      async (tx, { publishChange }) => {
        const refused = await lockRevision(tx, {
          table: 'casualties',
          id: casualtyId,
          what: 'casualty record',
          field: ['input', 'casualty'],
          expectedRevision: input.expectedRevision,
        });
        if (refused.length) return { userErrors: refused };
        const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
        if (citation.userErrors) return citation;
        await tx
          .update(casualties)
          .set({
            ...figureValues(input.figure),
            citationId: citation.ok,
          })
          .where(and(eq(casualties.id, casualtyId), eq(casualties.revision, input.expectedRevision)));
        publishChange('REVISED', 'Casualty', casualtyId);
        return { ok: casualtyId };
      },
    );
    return payload(context, outcome);
  }
}

const payload = (context: Context, outcome: Outcome<number>) =>
  payloadOf(outcome, (id) => context.loaders.casualty.clear(id).load(id), toCasualty);

export const CasualtyRetractResolver = retractionMutation({
  name: 'casualtyRetract',
  type: 'Casualty',
  table: 'casualties',
  what: 'casualty record',
  Payload: CasualtyPayload,
  description:
    'Retracts a casualty record: it leaves every list and total, keeps its figures and revisions, and shows the reason. Needs ADMIN.',
  load: (context, id) => context.loaders.casualty.clear(id).load(id),
  toNode: toCasualty,
});
