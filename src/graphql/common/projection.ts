import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { Extensions } from 'type-graphql';
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Column projection: statements that fetch rows for an operation read only the columns its
 * fields use, so Postgres builds and sends less and the server decodes less.
 *
 * It is sound only if nothing in the request reads a column that was left out. Rows are shared
 * through the request's DataLoaders, so every field says, next to its @Field or @FieldResolver,
 * which columns its resolver reads (`@Reads(events, 'title')`); a type whose values are built by
 * its parent's resolver says so once (`@ReadsNoRows()`). The declaration lives in the field's
 * GraphQL `extensions`, so projection and cost read it from the schema; the schema does not
 * build with a field that declares nothing (checkFieldDeclarations).
 */

export interface ColumnRead {
  table: PgTable;
  columns: readonly string[];
}

/** A column key of a table. */
export type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;

/** What a field reads of one table's rows: `reads(actors, 'name')`. */
export function reads<T extends PgTable>(table: T, ...columns: ColumnKey<T>[]): ColumnRead {
  return { table, columns };
}

/** A decorator for a field: a property of an object type or a resolver method. */
type MethodAndPropDecorator = PropertyDecorator & MethodDecorator;

/** The extension key an object type's row shape is stored under. */
const SHAPE = 'rowShape';

/**
 * The columns an object type's values are built from: its fields declare their reads through it
 * (`@casualtyShape.Reads('eventId')`), which accepts only its columns, and its rows are typed as
 * exactly those columns (RowOf), so a resolver reading a column no field declares does not compile.
 */
export interface RowShape<T extends PgTable, K extends ColumnKey<T>> {
  readonly table: T;
  readonly keys: readonly K[];
  /** `@Reads(table, ...columns)`, limited to the shape's columns. */
  Reads(...columns: K[]): MethodAndPropDecorator;
  /** One of several reads: `@Reads(eventShape.of('id'), participantShape.of('role'))`. */
  of(...columns: K[]): ColumnRead;
  /** On the object type: the schema does not build if a column of the shape is read by none of its fields. */
  Type(): ClassDecorator;
}

/** The row an object type is built from, as fetched: the shape's columns, and only those. */
export type RowOf<S> = S extends RowShape<infer T, infer K> ? Pick<T['$inferSelect'], K & keyof T['$inferSelect']> : never;

export function rowShape<T extends PgTable, const K extends ColumnKey<T>>(table: T, keys: readonly K[]): RowShape<T, K> {
  return {
    table,
    keys,
    Reads: (...columns) => Reads(table, ...columns),
    of: (...columns) => ({ table, columns }),
    Type: () => Extensions({ [SHAPE]: { table, columns: keys } satisfies ColumnRead }),
  };
}

/** The extension keys the declarations are stored under. */
const READS = 'reads';
const COST = 'cost';

/** The columns a field's resolver reads of one table, or (with reads()) of several; `@Reads()` reads none. */
export function Reads<T extends PgTable>(table: T, ...columns: ColumnKey<T>[]): MethodAndPropDecorator;
export function Reads(...columnReads: ColumnRead[]): MethodAndPropDecorator;
export function Reads(...args: unknown[]): MethodAndPropDecorator {
  const first = args[0];
  const columnReads = first && is(first, PgTable) ? [{ table: first, columns: args.slice(1) as string[] }] : (args as ColumnRead[]);
  return Extensions({ [READS]: columnReads });
}

/** On a type built by its parent's resolver (a figure, a page, a statistics group): none of its fields reads rows. */
export function ReadsNoRows(): ClassDecorator {
  return Extensions({ [READS]: [] });
}

/**
 * How the cost model (src/http/query-cost.ts) prices a field beyond its own 1: `aggregate` for a
 * GROUP BY over many rows, `page` for a connection's list, already counted by its `first`,
 * `bounded` for a short list built in memory (a payload's userErrors), priced as one item.
 */
export type FieldCost = 'aggregate' | 'page' | 'bounded';

export function Cost(cost: FieldCost): MethodAndPropDecorator {
  return Extensions({ [COST]: cost });
}

type Declared = GraphQLField<unknown, unknown> | GraphQLObjectType | GraphQLInterfaceType;

/** The reads a field declares, on itself or on its type; undefined when it declares none. */
export function fieldReads(type: GraphQLObjectType | GraphQLInterfaceType, field: GraphQLField<unknown, unknown>) {
  const declared = (field as Declared).extensions[READS] ?? type.extensions[READS];
  return declared as readonly ColumnRead[] | undefined;
}

/** The cost a field declares, if any. */
export function declaredCost(field: GraphQLField<unknown, unknown>): FieldCost | undefined {
  return field.extensions[COST] as FieldCost | undefined;
}

/** Refuses a schema with a field of an object or interface type that declares no reads. */
export function checkFieldDeclarations(schema: GraphQLSchema): void {
  const missing = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
    .flatMap((type) => {
      const composite = type as GraphQLObjectType | GraphQLInterfaceType;
      return Object.values(composite.getFields())
        .filter((field) => !fieldReads(composite, field))
        .map((field) => `${type.name}.${field.name}`);
    });
  if (missing.length) {
    throw new Error(`Fields without a data declaration (@Reads on the field or @ReadsNoRows on the type): ${missing.join(', ')}`);
  }
  checkRowShapes(schema);
}

/** Refuses a row shape wider than its type's fields read: its type would promise columns never fetched. */
function checkRowShapes(schema: GraphQLSchema): void {
  const unread = Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && Boolean(type.extensions[SHAPE]))
    .flatMap((type) => {
      const shape = type.extensions[SHAPE] as ColumnRead;
      const read = new Set(
        Object.values(type.getFields()).flatMap((field) =>
          (fieldReads(type, field) ?? []).filter((r) => r.table === shape.table).flatMap((r) => r.columns),
        ),
      );
      // Key columns are always read (Projection).
      for (const key of keyColumns(shape.table)) read.add(key);
      return shape.columns.filter((column) => !read.has(column)).map((column) => `${type.name}: ${column}`);
    });
  if (unread.length) throw new Error(`Row shape columns no field of the type reads: ${unread.join(', ')}`);
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
        const field = type.getFields()[name];
        const columnReads = field && fieldReads(type, field);
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
