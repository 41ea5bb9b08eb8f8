import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * Carries table rows inside one JSON value (a nested list built by Postgres), and turns them
 * back into exactly the object drizzle's own select returns for that table: same keys, same JS
 * types.
 *
 * A row travels as a flat JSON array of its columns' text forms, so key names are not repeated
 * per row and Postgres converts to JSON once per array (`json_build_array` looks up every
 * argument's type on every call; bench/README.md). Rows joined side by side (a quote and its
 * speaker) share one array, each decoded at its offset.
 */
export interface RowCodec<Row> {
  /** The row's columns as text, comma-separated, for an `ARRAY[…]` (see packedRow). */
  readonly texts: SQL;
  /** How many values the row takes in a packed array. */
  readonly width: number;
  /** The row from a packed array, starting at `offset`. */
  decode(values: readonly unknown[], offset?: number): Row;
  /** As decode, or null when every value is null (a LEFT JOIN that found no row). */
  decodeOptional(values: readonly unknown[], offset?: number): Row | null;
}

type Decoder = (text: string) => unknown;

/**
 * From a column's text form to what drizzle's select returns: what pg's type parser and then
 * the column's own mapping would make of the same value. Arrays travel as JSON (pg's array
 * literal syntax would need a parser of its own).
 */
function decoderOf(column: PgColumn): { expression: (source: PgColumn) => SQL; decode: Decoder } {
  const cast = (source: PgColumn) => sql`${source}::text`;
  switch (column.columnType) {
    case 'PgText':
    case 'PgVarchar':
      return { expression: (source) => sql`${source}`, decode: (text) => text };
    case 'PgEnumColumn':
      return { expression: cast, decode: (text) => text };
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgSerial':
      return { expression: cast, decode: Number };
    case 'PgBoolean':
      return { expression: cast, decode: (text) => text === 'true' };
    case 'PgArray': {
      const base = (column as PgColumn & { baseColumn: PgColumn }).baseColumn;
      return {
        expression: (source) => sql`array_to_json(${source})::text`,
        decode: (text) => (JSON.parse(text) as unknown[]).map((item) => (item === null ? null : base.mapFromDriverValue(item))),
      };
    }
    default:
      return { expression: cast, decode: (text) => column.mapFromDriverValue(text) };
  }
}

export interface RowCodecOptions<K extends string> {
  /** Where the SQL reads the columns: the table or an alias of it (default: the table). */
  source?: PgTable;
  /** Columns left out (as the API's own selects leave them out). */
  omit?: readonly K[];
  /** Only these columns (a projection, see graphql/common/projection.ts); the rest are absent from the row. */
  only?: readonly string[];
}

/** Packs and decodes rows of `table` (its columns, in table order). */
export function rowCodec<T extends PgTable, K extends keyof T['_']['columns'] & string = never>(
  table: T,
  { source = table, omit = [], only }: RowCodecOptions<K> = {},
): RowCodec<Omit<T['$inferSelect'], K>> {
  const keys = Object.keys(getTableColumns(table)).filter((key) => !omit.includes(key as K) && (!only || only.includes(key)));
  // Decoding uses the table's own columns: an alias's columns are proxies, slow to call per value.
  const columns = keys.map((key) => ({ key, ...decoderOf(getTableColumns(table)[key] as PgColumn) }));
  const width = columns.length;
  const decode = (values: readonly unknown[], offset = 0) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < width; i++) {
      const { key, decode: fromText } = columns[i]!;
      const value = values[offset + i];
      row[key] = value === null || value === undefined ? null : fromText(value as string);
    }
    return row as Omit<T['$inferSelect'], K>;
  };
  return {
    texts: sql.join(
      columns.map(({ key, expression }) => expression(getTableColumns(source)[key] as PgColumn)),
      sql`, `,
    ),
    width,
    decode,
    decodeOptional(values, offset = 0) {
      for (let i = offset; i < offset + width; i++) if (values[i] !== null && values[i] !== undefined) return decode(values, offset);
      return null;
    },
  };
}

/** One JSON array holding the rows side by side: `array_to_json(ARRAY[…])`. */
export function packedRow(...codecs: RowCodec<unknown>[]): SQL {
  return sql`array_to_json(ARRAY[${sql.join(
    codecs.map((codec) => codec.texts),
    sql`, `,
  )}]::text[])`;
}

/**
 * A JSON array of packed rows (each as packedRow) from `from` (FROM, JOINs and WHERE) in
 * `order`; `[]` when there are none. Rows of equal width make a two-dimensional text array,
 * which Postgres turns into nested JSON arrays in one conversion.
 */
export function packedList(codecs: RowCodec<unknown>[], from: SQL, order: readonly unknown[]): SQL {
  return sql`array_to_json(ARRAY(SELECT ARRAY[${sql.join(
    codecs.map((codec) => codec.texts),
    sql`, `,
  )}]::text[] FROM ${from}
    ORDER BY ${sql.join(
      order.map((column) => sql`${column}`),
      sql`, `,
    )}))`;
}
