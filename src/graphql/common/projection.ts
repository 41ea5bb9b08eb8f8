import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Column projection: statements that fetch rows for an operation read only the columns its
 * fields use, so Postgres builds and sends less and the server decodes less (a 20-event page
 * with actors and quotes reads 15 columns of 44).
 *
 * It is sound only if nothing in the request reads a column that was left out. Rows are shared
 * through the request's DataLoaders, so the columns of a table are those needed by every field
 * of the whole operation, and every field must say what it reads: a field declares, for each
 * table, the columns its resolver reads from rows (its parent's row, or rows it loads and does
 * not hand on as typed objects whose fields declare their own). An operation with any field
 * that declares nothing (an introspection field, a field added without a declaration) reads
 * whole rows everywhere. tests/graphql/projection.test.ts fails for a field of the schema that
 * declares nothing, and checks declared fields against whole rows on the paths it lists.
 */

export interface ColumnRead {
  table: PgTable;
  columns: readonly string[];
}

/** What a field reads of one table's rows: `reads(actors, 'name')`. */
export function reads<T extends PgTable>(table: T, ...columns: (keyof T['_']['columns'] & string)[]): ColumnRead {
  return { table, columns };
}

const declarations = new Map<string, Map<string, readonly ColumnRead[]>>();

/** Declares, for fields of a GraphQL object or interface type, the row columns each reads. */
export function declareColumnReads(typeName: string, fields: Record<string, readonly ColumnRead[]>): void {
  const declared = declarations.get(typeName) ?? new Map<string, readonly ColumnRead[]>();
  for (const [field, columnReads] of Object.entries(fields)) declared.set(field, columnReads);
  declarations.set(typeName, declared);
}

/** The fields of a type that declare their reads (for tests). */
export function declaredFields(typeName: string): string[] {
  return [...(declarations.get(typeName)?.keys() ?? [])];
}

/** The types with declarations (for tests). */
export function declaredTypes(): string[] {
  return [...declarations.keys()];
}

/** Columns a row always carries: its primary key (loaders are primed by it). */
function keyColumns(table: PgTable): string[] {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const primary = columns.filter(([, column]) => column.primary).map(([key]) => key);
  if (primary.length) return primary;
  // The table config's key columns are copies: match them by name.
  const composite = new Set((getTableConfig(table).primaryKeys[0]?.columns ?? []).map((column) => column.name));
  return columns.filter(([, column]) => composite.has(column.name)).map(([key]) => key);
}

/** The columns an operation reads per table. */
export class Projection {
  private readonly byTable: Map<PgTable, string[]>;

  constructor(reads: Map<PgTable, Set<string>>) {
    this.byTable = new Map([...reads].map(([table, columns]) => [table, [...new Set([...keyColumns(table), ...columns])]]));
  }

  private readonly memo = new Map<PgTable, readonly string[]>();

  /** The column keys to read from `table`, in the table's column order; its key columns when no field reads it. */
  columns(table: PgTable): readonly string[] {
    let columns = this.memo.get(table);
    if (!columns) {
      const wanted = new Set(this.byTable.get(table) ?? keyColumns(table));
      this.memo.set(table, (columns = Object.keys(getTableColumns(table)).filter((key) => wanted.has(key))));
    }
    return columns;
  }
}

const projections = new WeakMap<OperationDefinitionNode, Projection | null>();

/** What a resolver knows of the operation it is resolving (its `info`). */
export type OperationInfo = Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>;

/** The columns of `table` the resolving operation reads, or undefined for whole rows. */
export function projectedColumns(info: OperationInfo, table: PgTable): readonly string[] | undefined {
  return projectionOf(info.schema, info.operation, info.fragments)?.columns(table);
}

/** The operation's projection, or null when some field declares nothing (read whole rows). Cached per parsed operation. */
export function projectionOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): Projection | null {
  const cached = projections.get(operation);
  if (cached !== undefined) return cached;
  const root = schema.getRootType(operation.operation);
  const tables = new Map<PgTable, Set<string>>();
  // A fragment reads the same columns wherever it is spread: each is walked once per operation.
  const fragmentsSeen = new Set<string>();
  const collect = (type: GraphQLNamedType | null | undefined, selectionSet: SelectionSetNode): boolean => {
    if (!type || !(isObjectType(type) || isInterfaceType(type))) return false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const columnReads = declarations.get(type.name)?.get(name);
        const field = type.getFields()[name];
        if (!columnReads || !field) return false;
        for (const { table, columns } of columnReads) {
          const set = tables.get(table) ?? new Set<string>();
          for (const column of columns) set.add(column);
          tables.set(table, set);
        }
        if (selection.selectionSet && !collect(getNamedType(field.type), selection.selectionSet)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (!collect(on, selection.selectionSet)) return false;
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment) return false;
        if (fragmentsSeen.has(fragment.name.value)) continue;
        fragmentsSeen.add(fragment.name.value);
        if (!collect(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  const projection = collect(root, operation.selectionSet) ? new Projection(tables) : null;
  projections.set(operation, projection);
  return projection;
}
