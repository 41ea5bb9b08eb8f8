import { Arg, Ctx, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { toGlobalId } from '../../common/global-id.js';
import { casualties } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { instance } from '../../common/instance.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { FactChangeKind } from '../live/change-kind.js';
import { changeEvents, loadChanged, type ChangeEvent, type ListFilter } from '../live/stream.js';
import { CasualtyFilter } from './casualty.input.js';
import { casualtyConditions } from './casualty.filter.js';
import { Casualty, toCasualty } from './casualty.type.js';

@ObjectType({ simpleResolvers: true, description: 'A casualty record that changed, as it is now.' })
@ReadsNoRows()
export class CasualtyChange {
  @Field(() => FactChangeKind, { description: 'What happened to it.' })
  kind!: FactChangeKind;

  @Field(() => ID, { description: 'The record’s ID, in every message (also when the record itself is not shown).' })
  id!: string;

  @Field(() => Casualty, {
    nullable: true,
    description:
      'The record after the change. Null in a RETRACTED message to anyone but an admin (a retracted record is withdrawn: ' +
      'drop it by its `id`), and when it was retracted before this message was delivered.',
  })
  casualty!: Casualty | null;
}

/** The `casualties` list's own filter, applied to changed records. */
export const casualtyList: ListFilter<CasualtyFilter> = { table: casualties, conditions: casualtyConditions, loader: 'casualty' };

@Resolver()
export class CasualtySubscriptionResolver {
  @Subscription(() => CasualtyChange, {
    description:
      'Each casualty record reported, revised or retracted from now on, once its transaction has committed, if it matches the ' +
      'filter (the same filter as `casualties`). Over WebSocket (graphql-ws) on /graphql.',
    subscribe: ({ args, context }) =>
      changeEvents(context as Context, 'Casualty', casualtyList, (args as { filter?: CasualtyFilter | null }).filter ?? null),
  })
  @Reads()
  async casualtyChanged(
    @Root() change: ChangeEvent,
    @Arg('filter', () => CasualtyFilter, { nullable: true, description: 'Which records to follow; all when absent.' })
    _filter: CasualtyFilter | null,
    @Ctx() context: Context,
  ): Promise<CasualtyChange> {
    const row = await loadChanged(context, change, 'casualty');
    return instance(CasualtyChange, {
      kind: change.message.kind as FactChangeKind,
      id: toGlobalId('Casualty', change.id),
      casualty: row && toCasualty(row),
    });
  }
}
