import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * Carries whole table rows inside one JSON value (a nested list built by Postgres), and turns
 * them back into exactly the object drizzle's own select returns for that table: same keys,
 * same JS types. A row travels as a JSON array in column order, so the key names are not
 * repeated per row.
 */
export interface RowCodec<Row> {
  /** `json_build_array(col, …)` over the table (or its alias). */
  readonly packed: SQL;
  /** The packed array when `present` is not null, else SQL null (for LEFT JOINed rows). */
  packedWhere(present: PgColumn): SQL;
  decode(packed: readonly unknown[]): Row;
}

/**
 * Column types whose JSON form is already what the driver returns (numbers, strings, booleans,
 * arrays of text). Everything else (dates, floats, numerics) is sent as Postgres' text form,
 * which is what drizzle's decoders are written for.
 */
const JSON_NATIVE = new Set(['PgInteger', 'PgSmallInt', 'PgSerial', 'PgText', 'PgVarchar', 'PgEnumColumn', 'PgBoolean']);

function isJsonNative(column: PgColumn): boolean {
  if (JSON_NATIVE.has(column.columnType)) return true;
  const base = (column as PgColumn & { baseColumn?: PgColumn }).baseColumn;
  return column.columnType === 'PgArray' && base !== undefined && ['PgText', 'PgVarchar', 'PgEnumColumn'].includes(base.columnType);
}

/**
 * @param table the table, whose columns decode the values
 * @param source where the SQL reads them: the table or an alias of it
 * @param omit columns left out (as the API's own selects leave them out)
 */
export function rowCodec<T extends PgTable, K extends keyof T['_']['columns'] & string = never>(
  table: T,
  source: PgTable = table,
  omit: readonly K[] = [],
): RowCodec<Omit<T['$inferSelect'], K>> {
  const keys = Object.keys(getTableColumns(table)).filter((key) => !omit.includes(key as K));
  // Decoding uses the table's own columns: an alias's columns are proxies, slow to call per value.
  const columns = keys.map((key) => [key, getTableColumns(table)[key] as PgColumn] as const);
  const expressions = keys.map((key) => {
    const column = getTableColumns(source)[key] as PgColumn;
    return isJsonNative(column) ? sql`${column}` : sql`${column}::text`;
  });
  const packed = sql`json_build_array(${sql.join(expressions, sql`, `)})`;
  return {
    packed,
    packedWhere: (present) => sql`CASE WHEN ${present} IS NULL THEN NULL ELSE ${packed} END`,
    decode(values) {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const [key, column] = columns[i]!;
        const value = values[i];
        row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return row as Omit<T['$inferSelect'], K>;
    },
  };
}
