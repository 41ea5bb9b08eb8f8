import { Ctx, Field, FieldResolver, ID, InputType, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { Length } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { sql, type SQL } from 'drizzle-orm';
import type { casualties, deployments, events } from '../../../db/schema/index.js';
import { queryRows, type Database } from '../../../db/client.js';
import type { ChangedEntity } from '../../../live/hub.js';
import { holdsRoles, Role } from '../../../auth/roles.js';
import { UserErrorCode } from '../../../write/user-error.js';
import type { NodeTypeName } from '../../common/global-id.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { ExpectedRevisionField } from '../../common/editorial.js';
import { toInstant } from '../../common/scalars.js';
import type { Context } from '../../context.js';
import type { Payload } from './payload.js';
import { editingMutation, idErrors } from './mutation.js';
import { editorOf, idOf, lockRevision, type WriteSupport } from './write-support.js';

/*
 * Retraction: an admin withdraws a record that should never have been published. Nothing is
 * deleted: the row keeps its figure, the retraction's time, author and reason, and a version in
 * its revisions; reads leave it out for everyone but admins, and totals leave it out for all.
 */

@ObjectType({ simpleResolvers: true, description: 'When, why and by whom a record was retracted (withdrawn from lists and totals).' })
@ReadsNoRows()
export class Retraction {
  @Field(() => GraphQLDateTime, { description: 'When it was retracted.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Who retracted it (the token’s subject); shown to editors and admins only.' })
  by!: string | null;

  @Field(() => String, { description: 'Why, in the admin’s words.' })
  reason!: string;
}

/** The columns a retraction is kept in (editorialColumns, src/db/schema/columns.ts). */
interface RetractionColumns {
  retractedAt: string | null;
  retractedBy: string | null;
  retractionReason: string | null;
}

type RetractableTable = typeof casualties | typeof deployments | typeof events;

/** `retracted` on a type whose rows can be retracted: one resolver class per type, built alike. */
export function retractionFieldOf<T extends { row: RetractionColumns }>(type: ClassType<T>, table: RetractableTable): ClassType {
  @Resolver(() => type)
  class RetractionFieldResolver {
    @FieldResolver(() => Retraction, {
      nullable: true,
      description: 'Set when the record is retracted; only admins see retracted records. Null while it stands.',
    })
    @Reads(table, 'retractedAt', 'retractedBy', 'retractionReason')
    retracted(@Root() { row }: T, @Ctx() { viewer }: Context): Retraction | null {
      if (row.retractedAt === null) return null;
      return {
        at: toInstant(row.retractedAt),
        by: holdsRoles(viewer, [Role.EDITOR]) ? row.retractedBy : null,
        reason: row.retractionReason ?? '',
      };
    }
  }
  return RetractionFieldResolver;
}

/** What to retract: one input type for every retraction mutation, whose name says the ID's type. */
@InputType({ description: 'The record to retract, the revision you read, and why.' })
export class RetractInput {
  @Field(() => ID, { description: 'The record: a Casualty ID for `casualtyRetract`, a Deployment ID for `deploymentRetract`, and so on.' })
  id!: string;

  @Field(() => String, { description: 'Why it is withdrawn, e.g. "the ministry withdrew the report"; shown with the record.' })
  @Length(1, 1000)
  reason!: string;

  @ExpectedRevisionField()
  expectedRevision!: number;
}

/** Sets the retraction columns of the rows `where` selects that stand; their ids. */
export async function retractRows(tx: Database, table: string, where: SQL, by: string, reason: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`UPDATE ${sql.identifier(table)} SET retracted_at = now(), retracted_by = ${by}, retraction_reason = ${reason}
        WHERE ${where} AND retracted_at IS NULL RETURNING id`,
  );
  return rows.map((row) => Number(row.id));
}

export interface RetractionConfig<Row, T> {
  /** The mutation field, e.g. `casualtyRetract`. */
  name: string;
  type: NodeTypeName & ChangedEntity;
  table: string;
  /** What to call a record in messages and descriptions: `casualty record`. */
  what: string;
  Payload: ClassType<Payload<T>>;
  description: string;
  load: (context: Context, id: number) => Promise<Row | undefined>;
  toNode: (row: Row) => T;
  /** What else the retraction changes in the same transaction (an event's casualties and reactions). */
  cascade?: (tx: Database, id: number, by: string, reason: string, support: WriteSupport) => Promise<unknown>;
}

/**
 * A retraction mutation (`casualtyRetract`, `deploymentRetract`, `eventRetract`), ADMIN only:
 * against the revision the client read (STALE otherwise), once (ALREADY_RETRACTED), one transaction.
 */
export function retractionMutation<Row, T>(config: RetractionConfig<Row, T>): ClassType {
  const idIn = (input: RetractInput) => idOf(config.type, input.id, ['input', 'id']);
  return editingMutation({
    ...config,
    role: Role.ADMIN,
    Input: RetractInput,
    inputDescription: `The ${config.what}, the revision you read and the reason.`,
    check: (input) => idErrors(idIn(input)),
    reason: (input) => input.reason,
    async work(tx, input, context, support) {
      const id = idIn(input) as number;
      const record = { table: config.table, id, what: config.what, field: ['input', 'id'], expectedRevision: input.expectedRevision };
      const refused = await lockRevision(tx, { ...record, whenGone: UserErrorCode.ALREADY_RETRACTED });
      if (refused.length) return { userErrors: refused };
      const by = editorOf(context);
      await retractRows(tx, config.table, sql`id = ${id}`, by, input.reason);
      support.publishChange('RETRACTED', config.type, id);
      await config.cascade?.(tx, id, by, input.reason, support);
      return { ok: id };
    },
  });
}
