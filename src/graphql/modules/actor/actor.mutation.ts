import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { eq, sql } from 'drizzle-orm';
import { actors } from '../../../db/schema/index.js';
import { queryRows, type Database } from '../../../db/client.js';
import { Role } from '../../../auth/roles.js';
import { userError, UserErrorCode, type UserErrorValue } from '../../../write/user-error.js';
import { ActorKind } from '../../common/enums.js';
import { ExpectedRevisionField } from '../../common/editorial.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import { CitationInput } from '../editing/inputs.js';
import { editingMutation, idErrors } from '../editing/mutation.js';
import { payloadType, type Payload } from '../editing/payload.js';
import { given, givenOrCleared, idOf, lockRevision, resolveReferences, unclearable, writeCitation } from '../editing/write-support.js';
import { Actor, toActor } from './actor.type.js';

export const ActorPayload = payloadType(Actor, 'actor', 'ActorPayload', '`actorCreate`, `actorUpdate` or `actorMerge`');
export type ActorPayload = Payload<Actor>;

const loadActorRow = (context: Context, id: number) => context.loaders.actor.clear(id).load(id);

/** What actorCreate and actorUpdate share: the attributes an actor may lack. */
@InputType({ description: 'What actorCreate and actorUpdate share.' })
class ActorAttributesInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Other spellings found in sources, misspellings included; search matches them. An update replaces them all.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @Length(1, 300, { each: true })
  aliases?: string[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'The country it belongs to; none for multinational groups.' })
  @IsOptional()
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Title or role as reported ("Speaker of the House").' })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  @IsOptional()
  @Length(1, 2000)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The umbrella body it belongs to (an Actor ID).' })
  @IsOptional()
  parent?: string | null;
}

@InputType({ description: 'A person, body or group that acts or speaks in the news, as a source names it.' })
export class ActorCreateInput extends ActorAttributesInput {
  @Field(() => String, { description: 'Canonical name, correctly spelled ("Nancy Pelosi").' })
  @Length(1, 300)
  name!: string;

  @Field(() => ActorKind, { description: 'What sort of actor it is.' })
  kind!: ActorKind;

  @Field(() => CitationInput, { description: 'A passage that names the actor as recorded.' })
  @ValidateNested()
  citation!: CitationInput;
}

@InputType({
  description: 'Changes to an actor, with the source that supports them. Fields left out stay as they are; null removes a value.',
})
export class ActorUpdateInput extends ActorAttributesInput {
  @Field(() => ID, { description: 'The actor (an Actor ID).' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'New canonical name.' })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => ActorKind, { nullable: true, description: 'New kind.' })
  kind?: ActorKind | null;

  @Field(() => CitationInput, { description: 'The source of the actor as changed; it becomes the actor’s citation.' })
  @ValidateNested()
  citation!: CitationInput;

  @ExpectedRevisionField()
  expectedRevision!: number;
}

@InputType({ description: 'Two records of one actor, to be made one: `actor` is merged into `into`, which survives.' })
export class ActorMergeInput {
  @Field(() => ID, { description: 'The actor merged away (an Actor ID); its names and facts move to `into`.' })
  actor!: string;

  @Field(() => ID, { description: 'The actor that survives (an Actor ID).' })
  into!: string;

  @Field(() => String, { description: 'Why they are one actor; recorded with every version the merge makes.' })
  @Length(1, 1000)
  reason!: string;

  @Field(() => CitationInput, { description: 'A passage that shows they are one actor (it names one by the other’s name).' })
  @ValidateNested()
  citation!: CitationInput;

  @ExpectedRevisionField()
  expectedRevision!: number;
}

/** Aliases as stored: each once, in the order given, never the name itself. */
const aliasesOf = (name: string, aliases: readonly string[]) => [...new Set(aliases)].filter((alias) => alias !== name);

/** A parent that is the actor itself or one of its members would make the umbrella bodies a cycle. */
async function parentErrors(tx: Database, actorId: number, parentId: number): Promise<UserErrorValue[]> {
  const [cycle] = await queryRows(
    tx,
    sql`WITH RECURSIVE up AS (SELECT id, parent_id FROM actors WHERE id = ${parentId}
                              UNION SELECT a.id, a.parent_id FROM actors a JOIN up ON a.id = up.parent_id)
        SELECT 1 FROM up WHERE id = ${actorId}`,
  );
  return cycle
    ? [userError(['input', 'parent'], UserErrorCode.INVALID, 'The actor cannot belong to itself or to one of its members.')]
    : [];
}

async function createActor(tx: Database, input: ActorCreateInput) {
  const refs = await resolveReferences(tx, {
    parent: { field: ['input', 'parent'], type: 'Actor', table: 'actors', id: input.parent },
    country: { field: ['input', 'country'], country: input.country },
  });
  const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
  if (refs.userErrors || citation.userErrors) return { userErrors: [...(refs.userErrors ?? []), ...(citation.userErrors ?? [])] };
  const [row] = await tx
    .insert(actors)
    .values({
      name: input.name,
      aliases: aliasesOf(input.name, input.aliases ?? []),
      kind: input.kind,
      countryCode: refs.ok.country as string | null,
      title: input.title ?? null,
      description: input.description ?? null,
      parentId: refs.ok.parent as number | null,
      citationId: citation.ok,
    })
    .returning({ id: actors.id });
  return { ok: row!.id };
}

export const ActorCreateResolver = editingMutation({
  name: 'actorCreate',
  role: Role.EDITOR,
  description: 'Records an actor, with the passage that names it. Needs EDITOR.',
  Input: ActorCreateInput,
  inputDescription: 'The actor and its source.',
  Payload: ActorPayload,
  work: createActor,
  load: loadActorRow,
  toNode: toActor,
});

const actorIdIn = (input: { actor: string }) => idOf('Actor', input.actor, ['input', 'actor']);

async function updateActor(tx: Database, input: ActorUpdateInput) {
  const id = actorIdIn(input) as number;
  const refused = await lockRevision(tx, {
    table: 'actors',
    id,
    what: 'actor',
    field: ['input', 'actor'],
    expectedRevision: input.expectedRevision,
  });
  if (refused.length) return { userErrors: refused };
  const refs = await resolveReferences(tx, {
    parent: { field: ['input', 'parent'], type: 'Actor', table: 'actors', id: input.parent },
    country: { field: ['input', 'country'], country: input.country },
  });
  const cycle = refs.ok?.parent ? await parentErrors(tx, id, refs.ok.parent as number) : [];
  const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
  if (refs.userErrors || cycle.length || citation.userErrors) {
    return { userErrors: [...(refs.userErrors ?? []), ...cycle, ...(citation.userErrors ?? [])] };
  }
  const [current] = await tx.select({ name: actors.name, aliases: actors.aliases }).from(actors).where(eq(actors.id, id));
  const name = input.name ?? current!.name;
  await tx
    .update(actors)
    .set({
      ...given({ name: input.name, kind: input.kind }),
      ...givenOrCleared({ title: input.title, description: input.description }),
      ...(input.country === undefined ? {} : { countryCode: refs.ok.country as string | null }),
      ...(input.parent === undefined ? {} : { parentId: refs.ok.parent as number | null }),
      aliases: aliasesOf(name, input.aliases === undefined ? current!.aliases : (input.aliases ?? [])),
      citationId: citation.ok,
    })
    .where(eq(actors.id, id));
  return { ok: id };
}

export const ActorUpdateResolver = editingMutation({
  name: 'actorUpdate',
  role: Role.EDITOR,
  description: 'Changes an actor’s names, kind, country, title, description or umbrella body, against the revision you read. Needs EDITOR.',
  Input: ActorUpdateInput,
  inputDescription: 'The actor, the revision you read, the changes and their source.',
  Payload: ActorPayload,
  check: (input) => [...idErrors(actorIdIn(input)), ...unclearable(input, ['name', 'kind'])],
  work: updateActor,
  load: loadActorRow,
  toNode: toActor,
});

/** The facts that name an actor, by table and column: a merge moves them all to the survivor. */
const actorReferences = [
  ['quotes', 'speaker_actor_id'],
  ['reactions', 'actor_id'],
  ['deployments', 'ordered_by_actor_id'],
  ['casualties', 'affiliated_actor_id'],
  ['citations', 'attributed_to_actor_id'],
  ['actors', 'merged_into_id'],
] as const;

/** Moves the merged actor's names, facts and members to the survivor, and marks it merged. */
async function moveActor(tx: Database, merged: number, survivor: number, citationId: number) {
  // Participations: the survivor may have the same part in the same event already (the key).
  await tx.execute(sql`INSERT INTO event_actors (event_id, actor_id, role, citation_id)
                       SELECT event_id, ${survivor}, role, citation_id FROM event_actors WHERE actor_id = ${merged}
                       ON CONFLICT DO NOTHING`);
  await tx.execute(sql`DELETE FROM event_actors WHERE actor_id = ${merged}`);
  for (const [table, column] of actorReferences) {
    await tx.execute(sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(column)} = ${survivor}
                         WHERE ${sql.identifier(column)} = ${merged}`);
  }
  // Its members join the survivor; a survivor that was one of them takes the merged actor's place.
  await tx.execute(sql`UPDATE actors SET parent_id = (SELECT parent_id FROM actors WHERE id = ${merged})
                       WHERE id = ${survivor} AND parent_id = ${merged}`);
  await tx.execute(sql`UPDATE actors SET parent_id = ${survivor} WHERE parent_id = ${merged}`);
  // Its name and aliases become the survivor's aliases, each once, in order, never the survivor's name.
  await tx.execute(sql`UPDATE actors s SET aliases = coalesce((
                         SELECT array_agg(alias ORDER BY first) FROM (
                           SELECT alias, min(position) AS first
                           FROM unnest(s.aliases || m.name || m.aliases) WITH ORDINALITY AS names(alias, position)
                           WHERE alias <> s.name GROUP BY alias) AS distinct_names), '{}')
                       FROM actors m WHERE s.id = ${survivor} AND m.id = ${merged}`);
  await tx.execute(sql`UPDATE actors SET merged_into_id = ${survivor}, aliases = '{}', parent_id = NULL, citation_id = ${citationId}
                       WHERE id = ${merged}`);
}

const intoIdIn = (input: ActorMergeInput) => idOf('Actor', input.into, ['input', 'into']);

export const ActorMergeResolver = editingMutation({
  name: 'actorMerge',
  role: Role.ADMIN,
  description:
    'Makes two records of one actor one: the names, participations, quotes, reactions, deployments, casualty affiliations, ' +
    'attributions and members of `actor` move to `into`. The merged record stays, marked; looking its ID up answers the ' +
    'survivor. Needs ADMIN.',
  Input: ActorMergeInput,
  inputDescription: 'Which actor merges into which, the revision you read of the first, why, and the source.',
  Payload: ActorPayload,
  check: (input) => {
    const [merged, survivor] = [actorIdIn(input), intoIdIn(input)];
    const same = merged === survivor ? [userError(['input', 'into'], UserErrorCode.INVALID, 'An actor cannot be merged into itself.')] : [];
    return [...idErrors(merged), ...idErrors(survivor), ...same];
  },
  reason: (input) => input.reason,
  async work(tx, input) {
    const [merged, survivor] = [actorIdIn(input) as number, intoIdIn(input) as number];
    // Both rows locked in one order, so two merges of the same pair cannot deadlock.
    await tx.execute(sql`SELECT id FROM actors WHERE id IN (${merged}, ${survivor}) ORDER BY id FOR UPDATE`);
    const record = { table: 'actors', id: merged, what: 'actor', field: ['input', 'actor'], expectedRevision: input.expectedRevision };
    const refused = await lockRevision(tx, record);
    const into = await resolveReferences(tx, { into: { field: ['input', 'into'], type: 'Actor', table: 'actors', id: input.into } });
    const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
    if (refused.length || into.userErrors || citation.userErrors) {
      return { userErrors: [...refused, ...(into.userErrors ?? []), ...(citation.userErrors ?? [])] };
    }
    await moveActor(tx, merged, survivor, citation.ok);
    return { ok: survivor };
  },
  load: loadActorRow,
  toNode: toActor,
});
