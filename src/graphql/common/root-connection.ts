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
  conditions: PageFilter<Filter | null | undefined>['conditions'];
  toNode: (row: Row) => Node;
}

/**
 * A filtered, sorted, keyset-paginated root connection (`casualties`, `quotes`, …): the resolver
 * passes its arguments through, so every root pages, filters and caps `first` the same way.
 */
export function rootConnection<Row extends { id: number }, Node, Filter>(spec: RootConnectionSpec<Row, Node, Filter>) {
  return (
    { first, after }: PageArgs,
    filter: Filter | null,
    orderBy: { direction?: SortDirection | null } | null,
    { db, config }: Pick<Context, 'db' | 'config'>,
    operation: OperationInfo,
  ): Promise<ConnectionData<Node>> =>
    keysetPage<Row, Node, Filter | null>(
      {
        db,
        connection: spec.connection,
        table: spec.table,
        sort: spec.sort,
        direction: orderBy?.direction ?? SortDirection.ASC,
        filter: { input: filter, conditions: spec.conditions },
        page: { first, after },
        maxPageSize: config.maxPageSize,
        operation,
      },
      spec.toNode,
    );
}
