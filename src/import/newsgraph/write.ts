import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.js';
import { normalisePassage } from '../../write/passage.js';
import type { BatchOutcome, Problem, RejectedRow, WrittenIds } from '../driver.js';
import type { FileKeys, KeyUse } from './check.js';
import type { NewsgraphRow } from './read.js';
import type {
  ActorLine,
  CasualtyLine,
  CitationLine,
  DeploymentLine,
  FigureLine,
  FuzzyDateLine,
  KeyKind,
  LocationLine,
  QuoteLine,
  ReactionLine,
  RecordLine,
  SourceLine,
} from './types.js';

/** What the writer knows across batches: the dataset written into (null in a dry run before it exists) and the file's keys. */
export interface WriterContext {
  datasetId: number | null;
  keys: FileKeys;
}

type RecordKind = Exclude<KeyKind, 'country'>;

const TABLES: Record<RecordKind, string> = {
  source: 'sources',
  actor: 'actors',
  location: 'locations',
  event: 'events',
  casualty: 'casualties',
  deployment: 'deployments',
  reaction: 'reactions',
  quote: 'quotes',
};
/** Tables whose rows carry the hash of the line that wrote them (casualties and reactions live inside event lines). */
const HASHED = new Set<RecordKind>(['source', 'actor', 'location', 'event', 'deployment', 'quote']);

interface StoredRecord {
  id: number;
  datasetId: number | null;
  datasetKey: string | null;
  hash: string | null;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;
const textArray = (items: string[]) => sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(items)}::json))`;
const intArray = (items: number[]) => sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(items)}::json)::int)`;
const idOfUse = (kind: KeyKind, key: string) => `${kind}\u0000${key}`;

/** What is stored under the batch's keys (records, their citations, countries), read with one statement. */
class Stored {
  readonly records = new Map<string, StoredRecord>();
  readonly citations = new Map<string, number>();
  readonly countries = new Map<string, string>();
  readonly countryCodeByName = new Map<string, string>();
  readonly fullTexts = new Map<string, string>();

  get(kind: RecordKind, key: string): StoredRecord | undefined {
    return this.records.get(idOfUse(kind, key));
  }

  static async load(db: Database, rows: NewsgraphRow[]): Promise<Stored> {
    const stored = new Stored();
    const wanted = new Map<KeyKind, Set<string>>();
    const want = (use: KeyUse) => {
      let set = wanted.get(use.kind);
      if (!set) wanted.set(use.kind, (set = new Set()));
      set.add(use.key);
    };
    const countryNames: string[] = [];
    const citationKeys: string[] = [];
    const passageSources = new Set<string>();
    for (const row of rows) {
      row.defines.forEach(want);
      row.refs.forEach(want);
      if (row.record.kind === 'country') countryNames.push(row.record.value.name);
      for (const use of citationsOf(row.record)) citationKeys.push(use.key);
      row.passages.forEach((p) => passageSources.add(p.source));
    }
    // PGlite pays per statement: every table is read in one UNION ALL.
    const parts = [...wanted].map(([kind, keys]) =>
      kind === 'country'
        ? sql`SELECT 'country' AS kind, code AS key, NULL::int AS id, NULL::int AS dataset_id, NULL::text AS dataset_key, name AS hash
              FROM countries WHERE code = ANY(${textArray([...keys])}) OR name = ANY(${textArray(countryNames)})`
        : sql`SELECT ${kind}::text AS kind, t.key, t.id, t.dataset_id, d.key AS dataset_key,
                ${HASHED.has(kind) ? sql`t.content_hash` : sql`NULL::text`} AS hash
              FROM ${sql.raw(TABLES[kind])} t LEFT JOIN datasets d ON d.id = t.dataset_id WHERE t.key = ANY(${textArray([...keys])})`,
    );
    if (citationKeys.length > 0) {
      parts.push(sql`SELECT 'citation' AS kind, key, id, dataset_id, NULL AS dataset_key, NULL AS hash
            FROM citations WHERE key = ANY(${textArray(citationKeys)})`);
    }
    if (parts.length > 0) {
      const found = await queryRows<{
        kind: KeyKind | 'citation';
        key: string;
        id: number;
        dataset_id: number | null;
        dataset_key: string | null;
        hash: string | null;
      }>(db, sql.join(parts, sql` UNION ALL `));
      for (const r of found) {
        if (r.kind === 'country') {
          stored.countries.set(r.key, r.hash!);
          stored.countryCodeByName.set(r.hash!, r.key);
        } else if (r.kind === 'citation') stored.citations.set(r.key, r.id);
        else stored.records.set(idOfUse(r.kind, r.key), { id: r.id, datasetId: r.dataset_id, datasetKey: r.dataset_key, hash: r.hash });
      }
    }
    if (passageSources.size > 0) {
      const found = await queryRows<{ key: string; full_text: string }>(
        db,
        sql`SELECT key, full_text FROM sources WHERE key = ANY(${textArray([...passageSources])}) AND full_text IS NOT NULL`,
      );
      for (const s of found) stored.fullTexts.set(s.key, normalisePassage(s.full_text));
    }
    return stored;
  }
}

export interface PlannedRow {
  row: NewsgraphRow;
  status: 'new' | 'updated';
}

/**
 * Judges a batch against the database, writing nothing: a key another dataset owns, a reference
 * to a key neither an earlier line nor the database has, a passage missing from a stored
 * source's text are rejects (and the keys of a rejected line become unknown to the lines after
 * it); every other line is new, updated (its hash differs) or unchanged.
 */
export async function planBatch(
  db: Database,
  context: WriterContext,
  rows: NewsgraphRow[],
): Promise<{ planned: PlannedRow[]; outcome: BatchOutcome; stored: Stored }> {
  const stored = await Stored.load(db, rows);
  const outcome: BatchOutcome = { imported: 0, updated: 0, unchanged: 0, rejects: [] };
  const planned: PlannedRow[] = [];
  const { keys, datasetId } = context;
  for (const row of rows) {
    const problems: Problem[] = [];
    const problem = (column: string, reason: string) => problems.push({ column, reason });
    for (const use of row.defines) {
      if (use.kind === 'country') continue;
      const owner = stored.get(use.kind, use.key);
      if (owner && (owner.datasetId === null || owner.datasetId !== datasetId)) {
        const whose = owner.datasetKey ? `dataset "${owner.datasetKey}"` : 'no dataset (an editor wrote it)';
        problem(use.path, `${use.kind} "${use.key}" belongs to ${whose}`);
      }
    }
    if (row.record.kind === 'country') {
      const { code, name } = row.record.value;
      const holder = stored.countryCodeByName.get(name);
      if (holder !== undefined && holder !== code) problem('/country/name', `"${name}" is the name of country ${holder}`);
    }
    for (const ref of row.refs) {
      const definedAt = keys.definedAt(ref.kind, ref.key);
      if (definedAt !== undefined && definedAt < row.line) continue;
      const known = ref.kind === 'country' ? stored.countries.has(ref.key) : stored.get(ref.kind, ref.key) !== undefined;
      if (known) continue;
      const rejectedAt = keys.rejectedAt(ref.kind, ref.key);
      problem(
        ref.path,
        rejectedAt !== undefined
          ? `refers to ${ref.kind} "${ref.key}", whose line ${rejectedAt} was rejected`
          : `unknown ${ref.kind} "${ref.key}": defined neither on an earlier line nor in the database`,
      );
    }
    for (const use of row.passages) {
      const text = stored.fullTexts.get(use.source);
      const wanted = normalisePassage(use.passage);
      if (text !== undefined && !(wanted.length > 0 && text.includes(wanted))) {
        problem(use.path, `does not occur in the full text of source "${use.source}" (quote it verbatim)`);
      }
    }
    if (problems.length > 0) {
      keys.reject(row.defines, row.line);
      outcome.rejects.push({ line: row.line, raw: row.raw, problems });
      continue;
    }
    const status = statusOf(row, stored);
    if (status === 'unchanged') outcome.unchanged += 1;
    else {
      planned.push({ row, status });
      if (status === 'new') outcome.imported += 1;
      else outcome.updated += 1;
    }
  }
  return { planned, outcome, stored };
}

function statusOf(row: NewsgraphRow, stored: Stored): 'new' | 'updated' | 'unchanged' {
  const { record } = row;
  if (record.kind === 'country') {
    const name = stored.countries.get(record.value.code);
    return name === undefined ? 'new' : name === record.value.name ? 'unchanged' : 'updated';
  }
  const own = stored.get(record.kind, record.value.key);
  return own === undefined ? 'new' : own.hash === row.hash ? 'unchanged' : 'updated';
}

/** A column written from json_to_recordset: its JSON type, and how the value becomes the column's (an enum cast, an array). */
interface Column {
  name: string;
  type: string;
  value?: string;
}
const col = (name: string, type: string, cast?: string): Column => ({ name, type, value: cast ? `r."${name}"::${cast}` : undefined });
const textList = (name: string): Column => ({ name, type: 'json', value: `ARRAY(SELECT json_array_elements_text(r."${name}"))` });

type Values = Record<string, unknown> & { id: number };

/** Inserts the new rows (ids chosen beforehand) and updates the stored ones, one statement each. */
async function writeRows(tx: Database, table: string, columns: Column[], rows: Values[], fresh: Set<number>): Promise<void> {
  const recordset = sql.raw(['id int', ...columns.map((c) => `"${c.name}" ${c.type}`)].join(', '));
  const value = (c: Column) => c.value ?? `r."${c.name}"`;
  const inserts = rows.filter((r) => fresh.has(r.id));
  const updates = rows.filter((r) => !fresh.has(r.id));
  if (inserts.length > 0) {
    await tx.execute(sql`
      INSERT INTO ${sql.raw(table)} (id, ${sql.raw(columns.map((c) => `"${c.name}"`).join(', '))}) OVERRIDING SYSTEM VALUE
      SELECT r.id, ${sql.raw(columns.map(value).join(', '))} FROM json_to_recordset(${json(inserts)}) AS r(${recordset})`);
  }
  if (updates.length > 0) {
    await tx.execute(sql`
      UPDATE ${sql.raw(table)} t SET ${sql.raw(columns.map((c) => `"${c.name}" = ${value(c)}`).join(', '))}
      FROM json_to_recordset(${json(updates)}) AS r(${recordset}) WHERE t.id = r.id`);
  }
}

/**
 * Ids for new rows, drawn from each table's own sequence in one statement, so every row of a
 * batch (and every reference between them) is known before writing.
 */
async function allocate(tx: Database, counts: Map<string, number>): Promise<Map<string, number[]>> {
  const parts = [...counts]
    .filter(([, count]) => count > 0)
    .map(
      ([table, count]) =>
        sql`SELECT ${table}::text AS t, nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id FROM generate_series(1, ${count})`,
    );
  const drawn = new Map<string, number[]>();
  if (parts.length === 0) return drawn;
  for (const { t, id } of await queryRows<{ t: string; id: number }>(tx, sql.join(parts, sql` UNION ALL `))) {
    let ids = drawn.get(t);
    if (!ids) drawn.set(t, (ids = []));
    ids.push(id);
  }
  for (const ids of drawn.values()) ids.sort((x, y) => x - y);
  return drawn;
}

const FIGURE: Column[] = [
  col('figure_low', 'int'),
  col('figure_best', 'int'),
  col('figure_high', 'int'),
  col('figure_qualifier', 'text', 'figure_qualifier'),
  col('figure_wording', 'text'),
];
const OCCURRED: Column[] = [col('occurred_on', 'date'), col('occurred_precision', 'text', 'date_precision'), col('occurred_end', 'date')];
const figure = (f: FigureLine) => ({
  figure_low: f.low ?? null,
  figure_best: f.best ?? null,
  figure_high: f.high ?? null,
  figure_qualifier: f.qualifier,
  figure_wording: f.wording,
});
// DAY/MONTH/YEAR leave the end to the trigger that derives it (migration 0009).
const occurred = (d: FuzzyDateLine) => ({ occurred_on: d.date, occurred_precision: d.precision, occurred_end: d.end ?? null });

const COLUMNS = {
  sources: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('outlet', 'text'),
    col('title', 'text'),
    col('url', 'text'),
    textList('authors'),
    col('published_on', 'date'),
    col('updated_on', 'date'),
    col('full_text', 'text'),
    col('content_hash', 'text'),
  ],
  actors: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('name', 'text'),
    textList('aliases'),
    col('kind', 'text', 'actor_kind'),
    col('country_code', 'text'),
    col('title', 'text'),
    col('description', 'text'),
    col('parent_id', 'int'),
    col('content_hash', 'text'),
  ],
  locations: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('name', 'text'),
    col('country_code', 'text'),
    col('latitude', 'float8'),
    col('longitude', 'float8'),
    col('location_precision', 'text', 'location_precision'),
    col('adm_1', 'text'),
    col('adm_2', 'text'),
    col('content_hash', 'text'),
  ],
  citations: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('source_id', 'int'),
    col('passage', 'text'),
    col('attributed_to_actor_id', 'int'),
    col('attribution', 'text'),
  ],
  events: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('title', 'text'),
    col('summary', 'text'),
    col('kind', 'text', 'event_kind'),
    ...OCCURRED,
    col('location_id', 'int'),
    col('is_timeline_entry', 'boolean'),
    col('citation_id', 'int'),
    col('conflict_name', 'text'),
    col('dyad_name', 'text'),
    col('content_hash', 'text'),
  ],
  casualties: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('event_id', 'int'),
    col('kind', 'text', 'casualty_kind'),
    ...FIGURE,
    col('victim_description', 'text'),
    col('victim_country_code', 'text'),
    col('affiliated_actor_id', 'int'),
    ...OCCURRED,
    col('citation_id', 'int'),
    col('deaths_side_a', 'int'),
    col('deaths_side_b', 'int'),
    col('deaths_civilians', 'int'),
    col('deaths_unknown', 'int'),
  ],
  deployments: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    ...FIGURE,
    col('status', 'text', 'deployment_status'),
    col('troop_description', 'text'),
    col('force_country_code', 'text'),
    col('ordered_by_actor_id', 'int'),
    col('destination_location_id', 'int'),
    col('destination_country_code', 'text'),
    ...OCCURRED,
    col('event_id', 'int'),
    col('supersedes_id', 'int'),
    col('citation_id', 'int'),
    col('content_hash', 'text'),
  ],
  reactions: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('actor_id', 'int'),
    col('event_id', 'int'),
    col('stance', 'text', 'reaction_stance'),
    col('summary', 'text'),
    ...OCCURRED,
    col('citation_id', 'int'),
  ],
  quotes: [
    col('key', 'text'),
    col('dataset_id', 'int'),
    col('text', 'text'),
    col('speaker_actor_id', 'int'),
    col('event_id', 'int'),
    col('reaction_id', 'int'),
    ...OCCURRED,
    col('medium', 'text', 'quote_medium'),
    col('citation_id', 'int'),
    col('content_hash', 'text'),
  ],
} satisfies Record<string, Column[]>;

/**
 * A citation, keyed as the old seed loader keyed it, and its group: citations are written for
 * events (with participants) first, then links, casualties, deployments, reactions, quotes, so
 * their ids keep the order the old loader gave them.
 */
interface CitationUse {
  group: number;
  key: string;
  citation: CitationLine;
}

function citationsOf(record: RecordLine): CitationUse[] {
  const uses: CitationUse[] = [];
  const cite = (group: number, key: string, citation: CitationLine) => uses.push({ group, key, citation });
  if (record.kind === 'event') {
    const e = record.value;
    cite(0, `event:${e.key}`, e.citation);
    e.participants?.forEach((p) => cite(0, `event-actor:${e.key}:${p.actor}:${p.role}`, p.citation));
    e.links?.forEach((l) => cite(1, `event-link:${e.key}:${l.to}:${l.kind}`, l.citation));
    e.casualties?.forEach((c) => cite(2, `casualty:${c.key}`, c.citation));
    e.deployments?.forEach((d) => cite(3, `deployment:${d.key}`, d.citation));
    e.reactions?.forEach((r) => cite(4, `reaction:${r.key}`, r.citation));
    e.quotes?.forEach((q) => cite(5, `quote:${q.key}`, q.citation));
  } else if (record.kind === 'deployment') cite(3, `deployment:${record.value.key}`, record.value.citation);
  else if (record.kind === 'quote') cite(5, `quote:${record.value.key}`, record.value.citation);
  return uses;
}

/**
 * Writes the planned rows of a batch in the caller's transaction: ids for new rows are drawn
 * first, then each table is written with one INSERT and one UPDATE at most, parents before
 * children. A changed event line replaces its participants and links, updates its nested
 * records by key and deletes those it no longer lists (with citations nothing else uses).
 */
export async function writeBatch(tx: Database, context: WriterContext, planned: PlannedRow[], stored: Stored): Promise<WrittenIds> {
  const datasetId = context.datasetId!;
  if (planned.length === 0) return { createdEvents: [], updatedEvents: [], casualties: [] };

  // Ids: stored rows keep theirs; new rows get fresh ones in line order.
  const ids = new Map<string, number>();
  const freshByKind = new Map<RecordKind, string[]>();
  for (const { row } of planned) {
    for (const use of row.defines) {
      if (use.kind === 'country') continue;
      const existing = stored.get(use.kind, use.key);
      if (existing) ids.set(idOfUse(use.kind, use.key), existing.id);
      else {
        let keys = freshByKind.get(use.kind);
        if (!keys) freshByKind.set(use.kind, (keys = []));
        keys.push(use.key);
      }
    }
  }
  // Citations in the old seed loader's order: by group, and in line order within a group.
  const citationList = planned.flatMap(({ row }) => citationsOf(row.record)).sort((a, b) => a.group - b.group);
  const freshCitationKeys = citationList.filter((c) => !stored.citations.has(c.key)).map((c) => c.key);

  const counts = new Map([...freshByKind].map(([kind, keys]) => [TABLES[kind], keys.length]));
  counts.set('citations', freshCitationKeys.length);
  const drawn = await allocate(tx, counts);
  const fresh = new Map<string, Set<number>>();
  for (const [kind, keys] of freshByKind) {
    const table = drawn.get(TABLES[kind])!;
    keys.forEach((key, i) => ids.set(idOfUse(kind, key), table[i]!));
    fresh.set(TABLES[kind], new Set(table));
  }
  const citationIds = new Map(stored.citations);
  freshCitationKeys.forEach((key, i) => citationIds.set(key, drawn.get('citations')![i]!));
  fresh.set('citations', new Set(drawn.get('citations') ?? []));
  const freshIds = (table: string) => fresh.get(table) ?? new Set<number>();
  const idOf = (kind: RecordKind, key: string | null | undefined): number | null => {
    if (key === null || key === undefined) return null;
    const id = ids.get(idOfUse(kind, key)) ?? stored.get(kind, key)?.id;
    if (id === undefined) throw new Error(`newsgraph import: no id for ${kind} "${key}" (a reference the plan should have checked)`);
    return id;
  };

  const events = planned.flatMap(({ row, status }) => (row.record.kind === 'event' ? [{ row, status, event: row.record.value }] : []));
  // Nested and standalone reports and quotes, in line order.
  const allDeployments = planned.flatMap(({ row: { record } }): { d: DeploymentLine; eventKey: string | null }[] =>
    record.kind === 'event'
      ? (record.value.deployments ?? []).map((d) => ({ d, eventKey: record.value.key }))
      : record.kind === 'deployment'
        ? [{ d: record.value, eventKey: null }]
        : [],
  );
  const allQuotes = planned.flatMap(({ row: { record } }): { q: QuoteLine; eventKey: string | null }[] =>
    record.kind === 'event'
      ? (record.value.quotes ?? []).map((q) => ({ q, eventKey: record.value.key }))
      : record.kind === 'quote'
        ? [{ q: record.value, eventKey: null }]
        : [],
  );

  // A changed event line: forget what hung off its previous version.
  const updatedEvents = events.filter((p) => p.status === 'updated').map((p) => idOf('event', p.event.key)!);
  let orphanCandidates: number[] = [];
  if (updatedEvents.length > 0) {
    const list = intArray(updatedEvents);
    orphanCandidates = (
      await queryRows<{ id: number }>(
        tx,
        sql`SELECT citation_id AS id FROM event_actors WHERE event_id = ANY(${list})
            UNION SELECT citation_id FROM event_links WHERE from_event_id = ANY(${list})
            UNION SELECT citation_id FROM casualties WHERE event_id = ANY(${list}) AND dataset_id = ${datasetId}
            UNION SELECT citation_id FROM deployments WHERE event_id = ANY(${list}) AND dataset_id = ${datasetId}
            UNION SELECT citation_id FROM reactions WHERE event_id = ANY(${list}) AND dataset_id = ${datasetId}
            UNION SELECT citation_id FROM quotes WHERE event_id = ANY(${list}) AND dataset_id = ${datasetId}`,
      )
    ).map((r) => r.id);
    await tx.execute(sql`DELETE FROM event_actors WHERE event_id = ANY(${list})`);
    await tx.execute(sql`DELETE FROM event_links WHERE from_event_id = ANY(${list})`);
    for (const kind of ['casualty', 'deployment', 'reaction', 'quote'] as const) {
      const kept = [...ids.keys()].filter((k) => k.startsWith(`${kind}\u0000`)).map((k) => ids.get(k)!);
      const table = sql.raw(TABLES[kind]);
      const removed = sql`SELECT id FROM ${table} WHERE event_id = ANY(${list}) AND dataset_id = ${datasetId}
                          AND id <> ALL(${intArray(kept)})`;
      if (kind === 'deployment') await tx.execute(sql`UPDATE deployments SET supersedes_id = NULL WHERE supersedes_id IN (${removed})`);
      await tx.execute(sql`DELETE FROM ${table} WHERE id IN (${removed})`);
    }
  }

  // Countries, then the records the facts refer to.
  const countries = planned.flatMap(({ row }) => (row.record.kind === 'country' ? [row.record.value] : []));
  if (countries.length > 0) {
    await tx.execute(sql`
      INSERT INTO countries (code, name) SELECT code, name FROM json_to_recordset(${json(countries)}) AS r(code text, name text)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name`);
  }
  const hashOf = new Map(planned.map(({ row }) => [row.record.value, row.hash]));
  const lines = <T>(kind: string) => planned.flatMap(({ row }) => (row.record.kind === kind ? [row.record.value as T] : []));

  await writeRows(
    tx,
    'sources',
    COLUMNS.sources,
    lines<SourceLine>('source').map((s) => ({
      id: idOf('source', s.key)!,
      key: s.key,
      dataset_id: datasetId,
      outlet: s.outlet,
      title: s.title,
      url: s.url ?? null,
      authors: s.authors ?? [],
      published_on: s.publishedOn ?? null,
      updated_on: s.updatedOn ?? null,
      full_text: s.fullText ?? null,
      content_hash: hashOf.get(s),
    })),
    freshIds('sources'),
  );
  await writeRows(
    tx,
    'actors',
    COLUMNS.actors,
    lines<ActorLine>('actor').map((a) => ({
      id: idOf('actor', a.key)!,
      key: a.key,
      dataset_id: datasetId,
      name: a.name,
      aliases: a.aliases ?? [],
      kind: a.kind,
      country_code: a.country ?? null,
      title: a.title ?? null,
      description: a.description ?? null,
      parent_id: idOf('actor', a.parent),
      content_hash: hashOf.get(a),
    })),
    freshIds('actors'),
  );
  const locations = lines<LocationLine>('location');
  await writeRows(
    tx,
    'locations',
    COLUMNS.locations,
    locations.map((l) => ({
      id: idOf('location', l.key)!,
      key: l.key,
      dataset_id: datasetId,
      name: l.name,
      // The one country of a place in exactly one (read by the deprecated Location.country).
      country_code: l.countries?.length === 1 ? l.countries[0]! : null,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      location_precision: l.precision ?? null,
      adm_1: l.adm1 ?? null,
      adm_2: l.adm2 ?? null,
      content_hash: hashOf.get(l),
    })),
    freshIds('locations'),
  );
  if (locations.length > 0) {
    const updatedPlaces = locations.map((l) => idOf('location', l.key)!).filter((id) => !freshIds('locations').has(id));
    if (updatedPlaces.length > 0) await tx.execute(sql`DELETE FROM location_countries WHERE location_id = ANY(${intArray(updatedPlaces)})`);
    const placed = locations.flatMap((l) => (l.countries ?? []).map((code) => ({ location_id: idOf('location', l.key), code })));
    if (placed.length > 0) {
      await tx.execute(sql`
        INSERT INTO location_countries (location_id, country_code)
        SELECT location_id, code FROM json_to_recordset(${json(placed)}) AS r(location_id int, code text)`);
    }
  }

  await writeRows(
    tx,
    'citations',
    COLUMNS.citations,
    citationList.map(({ key, citation: c }) => ({
      id: citationIds.get(key)!,
      key,
      dataset_id: datasetId,
      source_id: idOf('source', c.source),
      passage: c.passage,
      attributed_to_actor_id: idOf('actor', c.attributedTo),
      attribution: c.attribution ?? null,
    })),
    freshIds('citations'),
  );
  const citationOf = (key: string) => citationIds.get(key)!;

  await writeRows(
    tx,
    'events',
    COLUMNS.events,
    events.map(({ event: e, row }) => ({
      id: idOf('event', e.key)!,
      key: e.key,
      dataset_id: datasetId,
      title: e.title,
      summary: e.summary,
      kind: e.kind,
      ...occurred(e.occurredOn),
      location_id: idOf('location', e.location),
      is_timeline_entry: e.timeline ?? false,
      citation_id: citationOf(`event:${e.key}`),
      conflict_name: e.conflictName ?? null,
      dyad_name: e.dyadName ?? null,
      content_hash: row.hash,
    })),
    freshIds('events'),
  );
  const participants = events.flatMap(({ event: e }) =>
    (e.participants ?? []).map((p) => ({
      event_id: idOf('event', e.key),
      actor_id: idOf('actor', p.actor),
      role: p.role,
      citation_id: citationOf(`event-actor:${e.key}:${p.actor}:${p.role}`),
    })),
  );
  if (participants.length > 0) {
    await tx.execute(sql`
      INSERT INTO event_actors (event_id, actor_id, role, citation_id)
      SELECT event_id, actor_id, role::event_actor_role, citation_id
      FROM json_to_recordset(${json(participants)}) AS r(event_id int, actor_id int, role text, citation_id int)`);
  }
  const links = events.flatMap(({ event: e }) =>
    (e.links ?? []).map((l) => ({
      from_event_id: idOf('event', e.key),
      to_event_id: idOf('event', l.to),
      kind: l.kind,
      citation_id: citationOf(`event-link:${e.key}:${l.to}:${l.kind}`),
    })),
  );
  if (links.length > 0) {
    await tx.execute(sql`
      INSERT INTO event_links (from_event_id, to_event_id, kind, citation_id)
      SELECT from_event_id, to_event_id, kind::event_link_kind, citation_id
      FROM json_to_recordset(${json(links)}) AS r(from_event_id int, to_event_id int, kind text, citation_id int)`);
  }

  const casualties = events.flatMap(({ event: e }) =>
    (e.casualties ?? []).map((c: CasualtyLine) => ({
      id: idOf('casualty', c.key)!,
      key: c.key,
      dataset_id: datasetId,
      event_id: idOf('event', e.key),
      kind: c.kind,
      ...figure(c.figure),
      victim_description: c.victims,
      victim_country_code: c.victimCountry ?? null,
      affiliated_actor_id: idOf('actor', c.affiliation),
      ...occurred(c.occurredOn),
      citation_id: citationOf(`casualty:${c.key}`),
      deaths_side_a: c.breakdown?.sideA ?? null,
      deaths_side_b: c.breakdown?.sideB ?? null,
      deaths_civilians: c.breakdown?.civilians ?? null,
      deaths_unknown: c.breakdown?.unknown ?? null,
    })),
  );
  await writeRows(tx, 'casualties', COLUMNS.casualties, casualties, freshIds('casualties'));
  await writeRows(
    tx,
    'deployments',
    COLUMNS.deployments,
    allDeployments.map(({ d, eventKey }) => ({
      id: idOf('deployment', d.key)!,
      key: d.key,
      dataset_id: datasetId,
      ...figure(d.figure),
      status: d.status,
      troop_description: d.troops,
      force_country_code: d.forceCountry,
      ordered_by_actor_id: idOf('actor', d.orderedBy),
      destination_location_id: idOf('location', d.destinationLocation),
      destination_country_code: d.destinationCountry ?? null,
      ...occurred(d.occurredOn),
      event_id: idOf('event', eventKey),
      supersedes_id: idOf('deployment', d.supersedes),
      citation_id: citationOf(`deployment:${d.key}`),
      content_hash: eventKey === null ? hashOf.get(d) : null,
    })),
    freshIds('deployments'),
  );
  await writeRows(
    tx,
    'reactions',
    COLUMNS.reactions,
    events.flatMap(({ event: e }) =>
      (e.reactions ?? []).map((r: ReactionLine) => ({
        id: idOf('reaction', r.key)!,
        key: r.key,
        dataset_id: datasetId,
        actor_id: idOf('actor', r.actor),
        event_id: idOf('event', e.key),
        stance: r.stance,
        summary: r.summary,
        ...occurred(r.occurredOn),
        citation_id: citationOf(`reaction:${r.key}`),
      })),
    ),
    freshIds('reactions'),
  );
  await writeRows(
    tx,
    'quotes',
    COLUMNS.quotes,
    allQuotes.map(({ q, eventKey }) => ({
      id: idOf('quote', q.key)!,
      key: q.key,
      dataset_id: datasetId,
      text: q.text,
      speaker_actor_id: idOf('actor', q.speaker),
      event_id: idOf('event', eventKey),
      reaction_id: idOf('reaction', q.reaction),
      ...occurred(q.occurredOn),
      medium: q.medium,
      citation_id: citationOf(`quote:${q.key}`),
      content_hash: eventKey === null ? hashOf.get(q) : null,
    })),
    freshIds('quotes'),
  );

  // Citations the previous versions used and nothing uses now (revisions keep theirs).
  const inUse = new Set(citationIds.values());
  const unused = orphanCandidates.filter((id) => !inUse.has(id));
  if (unused.length > 0) {
    await tx.execute(sql`
      DELETE FROM citations c WHERE c.id = ANY(${intArray(unused)})
        AND NOT EXISTS (SELECT 1 FROM events WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM event_actors WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM event_links WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM casualties WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM deployments WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM reactions WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM quotes WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM casualty_revisions WHERE citation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM deployment_revisions WHERE citation_id = c.id)`);
  }
  return {
    createdEvents: events.filter((e) => e.status === 'new').map((e) => idOf('event', e.event.key)!),
    updatedEvents: events.filter((e) => e.status === 'updated').map((e) => idOf('event', e.event.key)!),
    casualties: casualties.map((c) => c.id),
  };
}

/** A batch whose write the database refused: the line's reject. */
export const refusedRow = (row: NewsgraphRow, reason: string): RejectedRow => ({
  line: row.line,
  raw: row.raw,
  problems: [{ column: null, reason: `the database refused this line: ${reason}` }],
});
