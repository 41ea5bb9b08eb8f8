import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { IsOptional, Length, ValidateNested } from 'class-validator';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.js';
import { deployments } from '../../../db/schema/index.js';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { DeploymentStatus } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { Reads } from '../../common/projection.js';
import { figureErrors } from '../../../write/figure-rules.js';
import { userError, UserErrorCode } from '../../../write/user-error.js';
import { CitationInput, FigureInput, FuzzyDateInput } from '../editing/inputs.js';
import { payloadOf, payloadType, type Payload } from '../editing/payload.js';
import {
  dateErrors,
  dateValues,
  figureValues,
  idempotencyKeyArg,
  inputErrors,
  resolveReferences,
  write,
  writeCitation,
} from '../editing/write-support.js';
import { retractionMutation } from '../editing/retraction.js';
import { Deployment, toDeployment } from './deployment.type.js';

@InputType({
  description: 'A troop movement as a source reports it; a later report of the same movement names the earlier in `supersedes`.',
})
export class DeploymentReportInput {
  @Field(() => FigureInput, { description: 'How many troops, as reported.' })
  @ValidateNested()
  figure!: FigureInput;

  @Field(() => DeploymentStatus, { description: 'How far the movement had got: announced, planned, deployed, stationed.' })
  status!: DeploymentStatus;

  @Field(() => String, { description: 'What the troops are, in the source’s words ("U.S. paratroopers").' })
  @Length(1, 500)
  troops!: string;

  @Field(() => CountryCodeScalar, { description: 'The country whose forces move.' })
  forceCountry!: string;

  @Field(() => ID, { nullable: true, description: 'Who ordered it (an Actor ID).' })
  @IsOptional()
  orderedBy?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Where to, when the source names a country.' })
  @IsOptional()
  destinationCountry?: string | null;

  @Field(() => FuzzyDateInput, { description: 'When it was reported to happen, as precisely as given.' })
  @ValidateNested()
  occurredOn!: FuzzyDateInput;

  @Field(() => ID, { nullable: true, description: 'The event it belongs to (an Event ID).' })
  @IsOptional()
  event?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An earlier report of the same movement this one updates (announced → deployed), so totals count the movement once.',
  })
  @IsOptional()
  supersedes?: string | null;

  @Field(() => CitationInput, { description: 'Where the report comes from.' })
  @ValidateNested()
  citation!: CitationInput;
}

export const DeploymentPayload = payloadType(Deployment, 'deployment', 'DeploymentPayload', '`deploymentReport` or `deploymentRetract`');
type DeploymentPayload = Payload<Deployment>;

@Resolver()
export class DeploymentMutationResolver {
  @Mutation(() => DeploymentPayload, {
    description: 'Reports a troop movement, or a new stage of one already reported (`supersedes`). Needs EDITOR.',
  })
  @Authorized(Role.EDITOR)
  @Reads()
  async deploymentReport(
    @Arg('input', () => DeploymentReportInput, { description: 'The movement and its source.' }) input: DeploymentReportInput,
    @Arg('idempotencyKey', () => String, idempotencyKeyArg) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<DeploymentPayload> {
    const errors = [
      ...(await inputErrors(input, ['input'])),
      ...figureErrors(input.figure, ['input', 'figure']),
      ...dateErrors(input.occurredOn, ['input', 'occurredOn']),
    ];
    if (errors.length) return { node: null, userErrors: errors };

    const outcome = await write(context, 'deploymentReport', input, { idempotencyKey }, async (tx, { publishChange }) => {
      const refs = await resolveReferences(tx, {
        forceCountry: { field: ['input', 'forceCountry'], country: input.forceCountry },
        destinationCountry: { field: ['input', 'destinationCountry'], country: input.destinationCountry },
        orderedBy: { field: ['input', 'orderedBy'], type: 'Actor', table: 'actors', id: input.orderedBy },
        event: { field: ['input', 'event'], type: 'Event', table: 'events', id: input.event },
        supersedes: { field: ['input', 'supersedes'], type: 'Deployment', table: 'deployments', id: input.supersedes },
      });
      const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
      if (refs.userErrors || citation.userErrors) return { userErrors: [...(refs.userErrors ?? []), ...(citation.userErrors ?? [])] };
      if (refs.ok.supersedes !== null) {
        // One movement is one chain: each report is updated by at most one later report, of the same force.
        const [earlier] = await queryRows<{ force_country_code: string; superseded: boolean }>(
          tx,
          sql`SELECT force_country_code,
                     EXISTS (SELECT 1 FROM deployments d WHERE d.supersedes_id = ${refs.ok.supersedes} AND d.retracted_at IS NULL)
                       AS superseded
              FROM deployments WHERE id = ${refs.ok.supersedes} FOR UPDATE`,
        );
        if (earlier!.superseded) {
          return {
            userErrors: [
              userError(
                ['input', 'supersedes'],
                UserErrorCode.CONFLICT,
                'A later report already updates this one; supersede that one instead.',
              ),
            ],
          };
        }
        if (earlier!.force_country_code !== input.forceCountry) {
          return {
            userErrors: [
              userError(
                ['input', 'supersedes'],
                UserErrorCode.CONFLICT,
                `The earlier report is of ${earlier!.force_country_code}’s forces, not ${input.forceCountry}’s.`,
              ),
            ],
          };
        }
      }
      const [row] = await tx
        .insert(deployments)
        .values({
          ...figureValues(input.figure),
          status: input.status,
          troopDescription: input.troops,
          forceCountryCode: input.forceCountry,
          orderedByActorId: refs.ok.orderedBy as number | null,
          destinationCountryCode: refs.ok.destinationCountry as string | null,
          ...dateValues(input.occurredOn),
          eventId: refs.ok.event as number | null,
          supersedesId: refs.ok.supersedes as number | null,
          citationId: citation.ok,
        })
        .returning({ id: deployments.id });
      publishChange('REPORTED', 'Deployment', row!.id);
      // The earlier report of the movement is now superseded: it leaves lists that show current reports only.
      if (refs.ok.supersedes !== null) publishChange('REVISED', 'Deployment', refs.ok.supersedes as number);
      return { ok: row!.id };
    });
    return payloadOf(outcome, (id) => context.loaders.deployment.load(id), toDeployment);
  }
}

export const DeploymentRetractResolver = retractionMutation({
  name: 'deploymentRetract',
  type: 'Deployment',
  table: 'deployments',
  what: 'deployment report',
  Payload: DeploymentPayload,
  description:
    'Retracts a troop deployment report: it leaves every list and total; a later report of the same movement then updates ' +
    'the report this one updated, so the movement still counts once. Needs ADMIN.',
  load: (context, id) => context.loaders.deployment.clear(id).load(id),
  toNode: toDeployment,
  // A -> B (retracted) -> C becomes A -> C: C still updates the movement A reported (a revision
  // of C: what it supersedes changed). Without a C, A is the movement's current report again.
  cascade: async (tx, id, _by, _reason, { publishChange }) => {
    const relinked = await queryRows<{ id: number }>(
      tx,
      sql`UPDATE deployments SET supersedes_id = (SELECT supersedes_id FROM deployments WHERE id = ${id})
          WHERE supersedes_id = ${id} AND retracted_at IS NULL RETURNING id`,
    );
    const [{ supersedes = null } = {}] = await queryRows<{ supersedes: number | null }>(
      tx,
      sql`SELECT supersedes_id AS supersedes FROM deployments WHERE id = ${id}`,
    );
    if (relinked.length > 0)
      publishChange(
        'REVISED',
        'Deployment',
        relinked.map((row) => Number(row.id)),
      );
    else if (supersedes !== null) publishChange('REVISED', 'Deployment', Number(supersedes));
  },
});
