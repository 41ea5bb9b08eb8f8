import { and, asc, count, desc, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { packedRow, rowCodec, type RowCodec } from '../../db/json-row.js';
import { renderSql, runPrepared, sqlText, type Database } from '../../db/client.js';
import { BadUserInputError } from '../errors.js';
import { SortDirection } from './enums.js';
import type { ConnectionData } from './connection.js';
import { projectedColumns, type OperationInfo } from './projection.js';
import { boundedCache, type BoundedCache } from '../../cache.js';

export const DEFAULT_PAGE_SIZE = 20;

/** Checks `first` against the configured cap, with a message that says what is allowed. */
export function pageSize(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new BadUserInputError(`first must be between 0 and ${max}, got ${first}.`, 'first');
  }
  return first;
}

type CursorValue = string | number;

/**
 * What a cursor belongs to, e.g. `events:TITLE:ASC` or `casualtyStats.groups(COUNTRY,EVENT):BEST:DESC`:
 * a position in one order (or grouping) means nothing in another, so a cursor continues only its own scope.
 */
export function cursorScope(connection: string, field: string, direction: SortDirection, groupBy: readonly string[] = []): string {
  return `${connection}${groupBy.length ? `(${groupBy.join(',')})` : ''}:${field}:${direction}`;
}

// Checked before a cursor's scope is echoed in a message, so a forged one cannot put arbitrary text there.
const SCOPE = /^([A-Za-z]+(?:\.[A-Za-z]+)?)(?:\(([A-Z_]+(?:,[A-Z_]+)*)\))?:([A-Z_]+):(ASC|DESC)$/;

/** `events ordered by TITLE ASC`, `casualtyStats.groups grouped by COUNTRY, EVENT ordered by BEST DESC`. */
function describeScope(scope: string): string | undefined {
  const match = SCOPE.exec(scope);
  if (!match) return undefined;
  const [, connection, groupBy, field, direction] = match;
  return `${connection}${groupBy ? ` grouped by ${groupBy.split(',').join(', ')}` : ''} ordered by ${field} ${direction}`;
}

/** Encodes one position of `scope`; `prefix` is cursorPrefix(scope), computed once per page. */
function encodeCursor(prefix: string, position: string): string {
  return Buffer.from(`${prefix}${position}]`, 'utf8').toString('base64url');
}

function cursorPrefix(scope: string): string {
  return `[${JSON.stringify(scope)},`;
}

function invalidCursor(cursor: string): BadUserInputError {
  const shown = cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor;
  return new BadUserInputError(`"${shown}" is not a valid cursor; pass an endCursor or edge cursor from an earlier page.`, 'after');
}

/**
 * The position a cursor of `scope` holds (what follows the scope in it), unchecked; a cursor of another
 * connection, order or grouping is refused with what it belongs to, anything else as not a cursor.
 */
function decodeCursor(cursor: string, scope: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(cursor);
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw invalidCursor(cursor);
  if (parsed[0] !== scope) {
    const theirs = describeScope(parsed[0]);
    if (!theirs) throw invalidCursor(cursor);
    throw new BadUserInputError(
      `This cursor belongs to ${theirs}; it cannot continue ${describeScope(scope) ?? scope}. Drop \`after\` to start from the first page.`,
      'after',
    );
  }
  return parsed.slice(1);
}

// Row ids are Postgres integers: a larger number in a forged cursor would fail in the statement.
const MAX_ID = 2 ** 31 - 1;

/** How a connection is ordered: a non-null column and how to read it from a row for the cursor. */
export interface SortKey<Row> {
  /** The order field's enum value (`TITLE`), which cursors carry and messages name. */
  name: string;
  column: AnyPgColumn;
  value: (row: Row) => CursorValue;
}

/**
 * A connection's filter: the client's filter input and the pure function that turns it into
 * WHERE conditions (the same input always gives the same conditions).
 */
export interface PageFilter<Input> {
  input: Input;
  conditions: (input: Input) => (SQL | undefined)[];
}

export interface KeysetPageOptions<Row, FilterInput> {
  db: Database;
  /** The connection's field name (`events`); its cursors are refused by any other connection. */
  connection: string;
  table: PgTable & { id: AnyPgColumn };
  /** Ties are broken by id, in the same direction. */
  sort: SortKey<Row>;
  direction: SortDirection;
  filter: PageFilter<FilterInput>;
  page: { first?: number | null; after?: string | null };
  maxPageSize: number;
  /**
   * Nested data to fetch with the page's rows in the same statement: a JSON column computed per
   * row, handed to `apply` with its row (see event.prefetch.ts).
   */
  ahead?: { column: SQL; apply(row: Row, value: unknown): void };
  /**
   * The operation being resolved: the page reads only the columns it uses of the table's rows
   * (graphql/common/projection.ts), whole rows when it cannot tell. The id and the sort column
   * are always read (the cursor needs them).
   */
  operation: OperationInfo;
}

/** A page's row codec and statement heads, per table and set of columns read. */
interface PageShape {
  codec: RowCodec<unknown>;
  heads: Map<SQL | undefined, string>;
}
// Column sets are the client's choice: past the cache's size, new ones read whole rows.
const shapes = new WeakMap<PgTable, BoundedCache<string, PageShape>>();
const wholeRowShapes = new WeakMap<PgTable, PageShape>();

/**
 * The shape of a page of `table` reading `columns` (whole rows when absent) and, always, the id
 * and sort columns the cursor needs.
 */
function pageShape(table: PgTable & { id: AnyPgColumn }, columns: readonly string[] | undefined, sort: AnyPgColumn): PageShape {
  if (!columns) {
    let shape = wholeRowShapes.get(table);
    if (!shape) wholeRowShapes.set(table, (shape = { codec: rowCodec(table), heads: new Map() }));
    return shape;
  }
  let byColumns = shapes.get(table);
  if (!byColumns) shapes.set(table, (byColumns = boundedCache('pageShapesPerTable')));
  const key = `${columns.join(',')}|${sort.name}`;
  let shape = byColumns.get(key);
  if (!shape) {
    const only = Object.entries(getTableColumns(table))
      .filter(([key, column]) => columns.includes(key) || column === table.id || column === sort)
      .map(([key]) => key);
    shape = { codec: rowCodec(table, { only }), heads: new Map() };
    if (!byColumns.set(key, shape)) return pageShape(table, undefined, sort);
  }
  return shape;
}

/**
 * `select <packed row> [, <nested data>] from (select * from <table>`, rendered to text once per
 * table, set of columns and nested-data plan, so a page builds no statement text beyond its
 * filter's. Rows travel packed (json-row.ts), decoded to the shape drizzle's select returns.
 * The page is chosen in the inner select and packed outside it: Postgres evaluates the select
 * list before a sort, so a page sorted without an index (actors by name) would otherwise pack
 * every row of the table to keep 21 (12 ms instead of 2.7 ms for 10k actors).
 */
function selectHead(table: PgTable, shape: PageShape, aheadColumn: SQL | undefined): string {
  let head = shape.heads.get(aheadColumn);
  if (head === undefined) {
    head = sqlText(
      sql`select ${packedRow(shape.codec)} as row${aheadColumn ? sql`, ${aheadColumn} as ahead` : sql``} from (select * from ${table}`,
    );
    shape.heads.set(aheadColumn, head);
  }
  return head;
}

/** The order of a page and the cursor's seek, as statement text, per sort column and direction. */
interface PageOrder {
  /** `(sort, id) > ` (or `<` descending), to be followed by the cursor's two parameters. */
  seek: string;
  orderBy: string;
  /** The table's name, given to the page's subquery so the select list and the order name its columns as the table's. */
  alias: string;
  /** Whether a cursor's sort value is one the sort column can hold (a forged one must not reach Postgres). */
  accepts: (value: unknown) => boolean;
}
const pageOrders = new WeakMap<AnyPgColumn, Map<SortDirection, PageOrder>>();

function pageOrder(table: PgTable & { id: AnyPgColumn }, sortColumn: AnyPgColumn, direction: SortDirection): PageOrder {
  let byDirection = pageOrders.get(sortColumn);
  if (!byDirection) pageOrders.set(sortColumn, (byDirection = new Map<SortDirection, PageOrder>()));
  let fixed = byDirection.get(direction);
  if (!fixed) {
    const order = direction === SortDirection.DESC ? desc : asc;
    fixed = {
      accepts: acceptsValueOf(sortColumn),
      seek: `${sqlText(sql`(${sortColumn}, ${table.id})`)} ${direction === SortDirection.DESC ? '<' : '>'} `,
      orderBy: sqlText(sql`order by ${order(sortColumn)}, ${order(table.id)}`),
      alias: sqlText(sql`${table}`),
    };
    byDirection.set(direction, fixed);
  }
  return fixed;
}

// A date as Postgres writes one (years beyond 9999 and BC included), so every real cursor passes.
const PG_DATE = /^(\d{4,7})-(\d{2})-(\d{2})( BC)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(value: unknown): boolean {
  const match = typeof value === 'string' ? PG_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (match[4] ? year > 4713 : year > 5874897) return false; // Postgres' date range
  const astronomical = match[4] ? 1 - year : year; // 1 BC is year 0, a leap year
  const leap = astronomical % 4 === 0 && (astronomical % 100 !== 0 || astronomical % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0);
}

function acceptsValueOf(column: AnyPgColumn): (value: unknown) => boolean {
  if (column.dataType === 'number') return (value) => typeof value === 'number' && Number.isFinite(value);
  if (column.columnType === 'PgDateString') return isDate;
  // NUL is the one character Postgres text cannot hold.
  return (value) => typeof value === 'string' && !value.includes('\u0000');
}

interface RenderedFilter {
  sql: string;
  params: readonly unknown[];
}
// Per conditions function, by the filter input's JSON; `false`: the input sets no condition.
const renderedFilters = new WeakMap<object, BoundedCache<string, RenderedFilter | false>>();

/**
 * The filter's WHERE text and parameters. Rendering conditions through drizzle costs more CPU
 * than the rest of a page request's SQL work, and a client paging through a connection sends
 * the same filter with every page: each distinct input is rendered once.
 */
function renderedFilter<Input>({ input, conditions }: PageFilter<Input>): RenderedFilter | undefined {
  let cache = renderedFilters.get(conditions);
  if (!cache) renderedFilters.set(conditions, (cache = boundedCache('renderedFiltersPerConnection')));
  const key = JSON.stringify(input ?? null);
  let rendered = cache.get(key);
  if (rendered === undefined) {
    const where = and(...conditions(input));
    rendered = where ? renderSql(where) : false;
    cache.set(key, rendered);
  }
  return rendered || undefined;
}

/**
 * A page's statement: the filter's rendered text, and text fixed per table, columns, nested
 * data, sort and direction (rendering the whole statement with drizzle on every request cost a
 * deep page half of its CPU, HTTP aside). The limit is written into the text
 * (an integer checked by pageSize), not sent as a parameter: a LIMIT the planner can see lets
 * Postgres keep one plan per statement instead of planning the nested subqueries again on
 * every request.
 */
function pageStatement(
  head: string,
  order: PageOrder,
  filter: RenderedFilter | undefined,
  seek: [CursorValue, number] | undefined,
  limit: number,
) {
  const params = filter ? [...filter.params] : [];
  const conditions = filter ? [`(${filter.sql})`] : [];
  if (seek) {
    params.push(seek[0], seek[1]);
    conditions.push(`${order.seek}($${params.length - 1}, $${params.length})`);
  }
  const whereClause = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  return { text: `${head}${whereClause} ${order.orderBy} limit ${limit}) ${order.alias} ${order.orderBy}`, params };
}

/** The sort value and id a keyset cursor of `scope` continues after. */
function keysetPosition(cursor: string, scope: string, order: PageOrder): [CursorValue, number] {
  const position = decodeCursor(cursor, scope);
  const [value, id] = position;
  if (position.length !== 2 || !order.accepts(value) || !Number.isSafeInteger(id) || Math.abs(id as number) > MAX_ID) {
    throw invalidCursor(cursor);
  }
  return [value as CursorValue, id as number];
}

/**
 * Keyset (seek) pagination: `WHERE (sort, id) > (cursor)` on an index instead of OFFSET, so a
 * page deep in a large connection costs the same as the first. Fetches one extra row to know
 * whether a next page exists; the COUNT for `totalCount` runs only if a client selects it.
 */
export async function keysetPage<Row extends { id: number }, Node, FilterInput>(
  options: KeysetPageOptions<Row, FilterInput>,
  toNode: (row: Row) => Node,
): Promise<ConnectionData<Node>> {
  const { db, table, sort, direction } = options;
  const filter = renderedFilter(options.filter);
  const first = pageSize(options.page.first, options.maxPageSize);
  const after = options.page.after;
  const order = pageOrder(table, sort.column, direction);
  const scope = cursorScope(options.connection, sort.name, direction);
  const seek = after ? keysetPosition(after, scope, order) : undefined;
  const ahead = options.ahead;
  const shape = pageShape(table, projectedColumns(options.operation, table), sort.column);
  let pageRows: { row: unknown[]; ahead?: unknown }[] = [];
  if (first > 0) {
    const statement = pageStatement(selectHead(table, shape, ahead?.column), order, filter, seek, first + 1);
    pageRows = await runPrepared(db, statement.text, statement.params);
  }
  const rows = pageRows.map((result) => shape.codec.decode(result.row) as Row);
  // The extra row only tells whether a next page exists; its nested data is not needed.
  if (ahead) pageRows.slice(0, first).forEach((result, i) => ahead.apply(rows[i]!, result.ahead));
  const hasNextPage = rows.length > first;
  const prefix = cursorPrefix(scope);
  const edges = rows.slice(0, first).map((row) => ({
    node: toNode(row),
    cursor: encodeCursor(prefix, `${JSON.stringify(sort.value(row))},${row.id}`),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      const [result] = await db
        .select({ n: count() })
        .from(table)
        .where(and(...options.filter.conditions(options.filter.input)));
      return Number(result?.n ?? 0);
    },
  };
}

/**
 * Cursors for result sets that are computed whole per request (grouped statistics): the
 * position in the ordered result. Keyset cursors would buy nothing there, since every group
 * must be aggregated before the first can be ordered.
 */
export function offsetCursors(scope: string): (offset: number) => string {
  const prefix = cursorPrefix(scope);
  return (offset) => encodeCursor(prefix, String(offset));
}

/** Where a page after `cursor` (a cursor of `scope`) starts: 0 without one. */
export function decodeOffsetCursor(cursor: string | null | undefined, scope: string): number {
  if (!cursor) return 0;
  const position = decodeCursor(cursor, scope);
  const offset = position[0];
  if (position.length !== 1 || !Number.isSafeInteger(offset) || (offset as number) < 0 || (offset as number) > 999_999_999) {
    throw invalidCursor(cursor);
  }
  return (offset as number) + 1;
}

/** Cursors of a list ordered by row id alone (an audit history, newest first): the id itself. */
export function idCursors(scope: string): (id: number) => string {
  const prefix = cursorPrefix(scope);
  return (id) => encodeCursor(prefix, String(id));
}

/** The row id a cursor of `scope` holds; undefined without one. */
export function decodeIdCursor(cursor: string | null | undefined, scope: string): number | undefined {
  if (!cursor) return undefined;
  const position = decodeCursor(cursor, scope);
  const id = position[0];
  if (position.length !== 1 || !Number.isSafeInteger(id) || (id as number) < 1) throw invalidCursor(cursor);
  return id as number;
}
