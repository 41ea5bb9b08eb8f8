import { Arg, Authorized, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { ArrayMaxSize, IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
import { sources } from '../../../db/schema/index.js';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { DateScalar } from '../../common/scalars.js';
import { Reads } from '../../common/projection.js';
import { payloadOf, payloadType, type Payload } from '../editing/payload.js';
import { inputErrors, write } from '../editing/write-support.js';
import { Source, toSource } from './source.type.js';

@InputType({ description: 'A published article or report to cite.' })
export class SourceCreateInput {
  @Field(() => String, { description: 'Publication, e.g. "Reuters".' })
  @Length(1, 200)
  outlet!: string;

  @Field(() => String, { description: 'Headline as published.' })
  @Length(1, 500)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Web address (http or https).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'Bylines, in order.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  authors?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'First publication date.' })
  @IsOptional()
  publishedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The article’s full text. When given, every passage cited from this source must occur in it verbatim.',
  })
  @IsOptional()
  @MaxLength(200_000)
  fullText?: string | null;
}

export const SourceCreatePayload = payloadType(Source, 'source', 'SourceCreatePayload', '`sourceCreate`');
type SourceCreatePayload = Payload<Source>;

@Resolver()
export class SourceMutationResolver {
  @Mutation(() => SourceCreatePayload, { description: 'Records a published article or report, so facts can cite it. Needs EDITOR.' })
  @Authorized(Role.EDITOR)
  @Reads()
  async sourceCreate(
    @Arg('input', () => SourceCreateInput, { description: 'The source.' }) input: SourceCreateInput,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Send the same key to retry safely: the first answer is returned.',
    })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<SourceCreatePayload> {
    const invalid = await inputErrors(input, ['input']);
    if (invalid.length) return { node: null, userErrors: invalid };
    const outcome = await write(context, 'sourceCreate', input, { idempotencyKey }, async (tx) => {
      const [row] = await tx
        .insert(sources)
        .values({
          outlet: input.outlet,
          title: input.title,
          url: input.url ?? null,
          authors: input.authors ?? [],
          publishedOn: input.publishedOn ?? null,
          fullText: input.fullText ?? null,
        })
        .returning({ id: sources.id });
      return { ok: row!.id };
    });
    return payloadOf(outcome, (id) => context.loaders.source.load(id), toSource);
  }
}
