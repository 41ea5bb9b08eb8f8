import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { Args, Authorized, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '../../../auth/roles.js';
import { intList, queryRows, textList, type Database } from '../../../db/client.js';
import { actors, casualties, deployments, events, quotes, reactions, sources } from '../../../db/schema/index.js';
import { batchScheduleFn } from '../../common/batching.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { rowIdOf, type NodeTypeName } from '../../common/global-id.js';
import { cursorScope, decodeIdCursor, idCursors, pageSize } from '../../common/paginate.js';
import { Reads, reads, type ColumnRead } from '../../common/projection.js';
import { SortDirection } from '../../common/enums.js';
import type { Context } from '../../context.js';
import { Actor } from '../actor/actor.type.js';
import { Casualty } from '../casualty/casualty.type.js';
import { Deployment } from '../deployment/deployment.type.js';
import { Event } from '../event/event.type.js';
import { Quote } from '../quote/quote.type.js';
import { Reaction } from '../reaction/reaction.type.js';
import { Source } from '../source/source.type.js';
import { AuditEntry, AuditEntryConnection, toAuditEntry, type AuditEntryRow } from './audit-entry.type.js';

const MAX_HISTORY_PAGE = 100;
const scope = cursorScope('history', 'AT', SortDirection.DESC);
const cursorOf = idCursors(scope);

interface HistoryKey {
  tables: readonly string[];
  id: number;
  first: number;
  after: number | undefined;
}

const shapeOf = (key: HistoryKey) => JSON.stringify([key.tables, key.first, key.after ?? null]);

/**
 * One statement per page shape for all the records a request asks the history of: each
 * record's newest `first + 1` entries (the extra one says whether another page follows).
 */
async function loadHistories(db: Database, keys: readonly HistoryKey[]): Promise<AuditEntryRow[][]> {
  const groups = new Map<string, HistoryKey[]>();
  for (const key of keys) groups.set(shapeOf(key), [...(groups.get(shapeOf(key)) ?? []), key]);
  // Keyed by page shape too: one record asked for twice (aliases with other `first`) gets each page.
  const found = new Map<string, AuditEntryRow[]>();
  for (const [shape, group] of groups) {
    const { tables, first, after } = group[0]!;
    const rows = await queryRows<AuditEntryRow>(
      db,
      sql`SELECT id::text, (extract(epoch FROM at) * 1000)::float8 AS at_ms, editor, mutation, request_id, entity, entity_id,
                 operation, before, after
          FROM (SELECT a.*, row_number() OVER (PARTITION BY a.entity_id ORDER BY a.id DESC) AS n
                FROM audit_entries a
                WHERE a.entity = ANY(${textList(tables)})
                  AND a.entity_id = ANY(${intList(group.map((k) => k.id))})
                  AND (${after ?? null}::bigint IS NULL OR a.id < ${after ?? null}::bigint)) page
          WHERE n <= ${first + 1}
          ORDER BY entity_id, id DESC`,
    );
    for (const row of rows) {
      const list = found.get(`${shape}:${row.entity_id}`) ?? [];
      list.push(row);
      found.set(`${shape}:${row.entity_id}`, list);
    }
  }
  return keys.map((key) => found.get(`${shapeOf(key)}:${key.id}`) ?? []);
}

// One loader per request, kept beside its other loaders without widening the shared Loaders type.
const loadersOf = new WeakMap<object, DataLoader<HistoryKey, AuditEntryRow[], string>>();
function historyLoader(context: Context): DataLoader<HistoryKey, AuditEntryRow[], string> {
  let loader = loadersOf.get(context.loaders);
  if (!loader) {
    loader = new DataLoader((keys) => loadHistories(context.db, keys), {
      cacheKeyFn: (key) => JSON.stringify([key.tables, key.id, key.first, key.after ?? null]),
      batchScheduleFn,
    });
    loadersOf.set(context.loaders, loader);
  }
  return loader;
}

/**
 * `history` on a fact type: the audit entries of the record's own rows (and of rows that hang
 * off it, such as an event's participants), newest first. Editors and admins only: anonymous
 * readers see a figure's revisions but not who made them.
 */
function historyResolver(type: ClassType<{ id: string }>, typeName: NodeTypeName, idRead: ColumnRead, tables: readonly string[]) {
  @Resolver(() => type)
  class HistoryResolver {
    @FieldResolver(() => AuditEntryConnection, {
      nullable: true,
      description:
        `Every change editors made to this ${typeName} through mutations, newest first: who, when, which mutation, ` +
        'the stored row before and after. Needs EDITOR or ADMIN. Imports are not listed (their dataset says where rows came from).',
    })
    @Authorized(Role.EDITOR)
    @Reads(idRead)
    async history(@Root() record: { id: string }, @Args(() => PageArgs) page: PageArgs, @Ctx() context: Context) {
      const first = pageSize(page.first, MAX_HISTORY_PAGE);
      const after = decodeIdCursor(page.after, scope);
      const id = rowIdOf(typeName, record.id);
      const rows = first === 0 ? [] : await historyLoader(context).load({ tables, id, first, after });
      const onPage = rows.slice(0, first);
      const edges = onPage.map((row) => ({ node: toAuditEntry(row), cursor: cursorOf(Number(row.id)) }));
      const data: ConnectionData<AuditEntry> = {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: after !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: async () => {
          const [row] = await queryRows<{ n: number }>(
            context.db,
            sql`SELECT count(*)::int AS n FROM audit_entries
                WHERE entity = ANY(${textList(tables)}) AND entity_id = ${id}`,
          );
          return row?.n ?? 0;
        },
      };
      return data;
    }
  }
  Object.defineProperty(HistoryResolver, 'name', { value: `${typeName}HistoryResolver` });
  return HistoryResolver;
}

export const historyResolvers = [
  historyResolver(Event, 'Event', reads(events, 'id'), ['events', 'event_actors', 'event_links']),
  historyResolver(Actor, 'Actor', reads(actors, 'id'), ['actors']),
  historyResolver(Casualty, 'Casualty', reads(casualties, 'id'), ['casualties']),
  historyResolver(Deployment, 'Deployment', reads(deployments, 'id'), ['deployments']),
  historyResolver(Quote, 'Quote', reads(quotes, 'id'), ['quotes']),
  historyResolver(Reaction, 'Reaction', reads(reactions, 'id'), ['reactions']),
  historyResolver(Source, 'Source', reads(sources, 'id'), ['sources']),
];
