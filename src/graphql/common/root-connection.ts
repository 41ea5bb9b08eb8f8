import type { SQL } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { ConnectionData, PageArgs } from './connection.js';
import { SortDirection } from './enums.js';
import { keysetPage, type KeysetPageOptions, type PageFilter, type SortKey } from './paginate.js';
import type { OperationInfo } from './projection.js';

/** What a root connection over one table is made of; everything else comes from its arguments. */
export interface RootConnectionSpec<Row, Node, Filter> {
  /** The field name, which its cursors carry. */
  connection: string;
  table: KeysetPageOptions<Row, Filter | null>['table'];
  sort: SortKey<Row>;
  /** The filter as SQL; `includeRetracted` when an admin asked for retracted records too. */
  conditions: (filter: Filter | null | undefined, includeRetracted: boolean) => (SQL | undefined)[];
  toNode: (row: Row) => Node;
}

interface RootFilter<Filter> {
  filter: Filter | null;
  includeRetracted: boolean;
}

/**
 * A filtered, sorted, keyset-paginated root connection (`casualties`, `quotes`, …): the resolver
 * passes its arguments through, so every root pages, filters and caps `first` the same way.
 */
export function rootConnection<Row extends { id: number }, Node, Filter>(spec: RootConnectionSpec<Row, Node, Filter>) {
  // One function per connection: rendered filters are cached per conditions function (paginate.ts).
  const conditions: PageFilter<RootFilter<Filter>>['conditions'] = ({ filter, includeRetracted }) =>
    spec.conditions(filter, includeRetracted);
  return (
    { first, after }: PageArgs,
    filter: Filter | null,
    orderBy: { direction?: SortDirection | null } | null,
    { db, config }: Pick<Context, 'db' | 'config'>,
    operation: OperationInfo,
    includeRetracted = false,
  ): Promise<ConnectionData<Node>> =>
    keysetPage<Row, Node, RootFilter<Filter>>(
      {
        db,
        connection: spec.connection,
        table: spec.table,
        sort: spec.sort,
        direction: orderBy?.direction ?? SortDirection.ASC,
        filter: { input: { filter, includeRetracted }, conditions },
        page: { first, after },
        maxPageSize: config.maxPageSize,
        operation,
      },
      spec.toNode,
    );
}
