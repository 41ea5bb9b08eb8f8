import { sql } from 'drizzle-orm';
import { intList, queryRows, textList, type Database } from '../../db/client.js';
import { countryNameOf, type MappedGedEvent } from './map.js';

export interface BatchOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  widened: number;
  /** Row ids written, for subscribers once the batch has committed (an updated event is written again under a new id). */
  written: WrittenIds;
}

export interface WrittenIds {
  createdEvents: number[];
  updatedEvents: number[];
  casualties: number[];
}

/** What stays known between batches of one run: the dataset, and countries and actors already written. */
export interface WriterState {
  datasetId: number;
  countries: Set<string>;
  actors: Map<string, number>;
}

const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

/**
 * Sorts a batch into new, changed and unchanged rows by the hash stored with each event. The
 * dry run stops here; `writeGedBatch` goes on to write.
 */
export async function classifyBatch(
  db: Database,
  datasetId: number | null,
  batch: MappedGedEvent[],
): Promise<{ fresh: MappedGedEvent[]; changed: { row: MappedGedEvent; eventId: number }[]; unchanged: number }> {
  const stored =
    datasetId === null
      ? []
      : await queryRows<{ id: number; external_id: string; content_hash: string | null }>(
          db,
          sql`SELECT id, external_id, content_hash FROM events
              WHERE dataset_id = ${datasetId} AND external_id = ANY(${textList(batch.map((r) => r.externalId))})`,
        );
  const byId = new Map(stored.map((s) => [s.external_id, s]));
  const fresh: MappedGedEvent[] = [];
  const changed: { row: MappedGedEvent; eventId: number }[] = [];
  let unchanged = 0;
  // A file may list an id twice: the later row wins, as a newer release would.
  const seen = new Map<string, MappedGedEvent>();
  for (const row of batch) seen.set(row.externalId, row);
  for (const row of seen.values()) {
    const old = byId.get(row.externalId);
    if (!old) fresh.push(row);
    else if (old.content_hash === row.hash) unchanged += 1;
    else changed.push({ row, eventId: old.id });
  }
  unchanged += batch.length - seen.size;
  return { fresh, changed, unchanged };
}

/**
 * Writes one batch in the caller's transaction: a changed event is removed with what hangs off it
 * (casualty, participants, its place, sources and citations) and written again; new ones are
 * inserted. One statement per table, so a batch costs the same few round trips whatever its size.
 */
export async function writeGedBatch(tx: Database, state: WriterState, batch: MappedGedEvent[]): Promise<BatchOutcome> {
  const { fresh, changed, unchanged } = await classifyBatch(tx, state.datasetId, batch);
  const { datasetId } = state;
  if (changed.length > 0) {
    const ids = changed.map((c) => c.eventId);
    const keys = changed.map((c) => `ucdp-ged:${c.row.externalId}`);
    await tx.execute(sql`DELETE FROM events WHERE id = ANY(${intList(ids)})`);
    await tx.execute(sql`DELETE FROM citations WHERE dataset_id = ${datasetId} AND split_part(key, '#', 1) = ANY(${textList(keys)})`);
    await tx.execute(sql`DELETE FROM sources WHERE dataset_id = ${datasetId} AND split_part(key, '#', 1) = ANY(${textList(keys)})`);
    await tx.execute(sql`DELETE FROM locations WHERE dataset_id = ${datasetId} AND key = ANY(${textList(keys)})`);
  }
  const rows = [...fresh, ...changed.map((c) => c.row)];
  if (rows.length === 0)
    return { imported: 0, updated: 0, unchanged, widened: 0, written: { createdEvents: [], updatedEvents: [], casualties: [] } };

  const newCountries = [...new Set(rows.flatMap((r) => r.countries))].filter((c) => !state.countries.has(c));
  if (newCountries.length > 0) {
    await tx.execute(sql`
      INSERT INTO countries (code, name)
      SELECT code, name FROM json_to_recordset(${json(newCountries.map((code) => ({ code, name: countryNameOf(code) })))})
        AS r(code text, name text)
      ON CONFLICT DO NOTHING`);
    newCountries.forEach((c) => state.countries.add(c));
  }

  const sideRows = new Map<string, MappedGedEvent['sides'][number]>();
  for (const r of rows) for (const s of r.sides) if (!state.actors.has(s.key)) sideRows.set(s.key, s);
  if (sideRows.size > 0) {
    // Keyed by GED's stable side id, shared across rows and imports; the latest name wins.
    const sides = [...sideRows.values()].map((s) => ({ key: s.key, name: s.name, kind: s.kind, country_code: s.countryCode }));
    const actorIds = await queryRows<{ id: number; key: string }>(
      tx,
      sql`
      INSERT INTO actors (key, dataset_id, name, kind, country_code)
      SELECT key, ${datasetId}, name, kind::actor_kind, country_code
      FROM json_to_recordset(${json(sides)})
        AS r(key text, name text, kind text, country_code text)
      ON CONFLICT (key) DO UPDATE SET name = excluded.name
      RETURNING id, key`,
    );
    for (const a of actorIds) state.actors.set(a.key, a.id);
  }

  const sourceRows = rows.flatMap((r) =>
    r.sources.map((s, n) => ({
      key: `ucdp-ged:${r.externalId}#${n + 1}`,
      outlet: s.outlet,
      title: s.title,
      published_on: s.publishedOn,
      passage: s.passage,
      attribution: r.attribution,
    })),
  );
  const citationIds = await queryRows<{ id: number; key: string }>(
    tx,
    sql`
    WITH input AS (
      SELECT * FROM json_to_recordset(${json(sourceRows)})
        AS r(key text, outlet text, title text, published_on date, passage text, attribution text)
    ),
    inserted AS (
      INSERT INTO sources (key, dataset_id, outlet, title, published_on)
      SELECT key, ${datasetId}, outlet, title, published_on FROM input
      RETURNING id, key
    )
    INSERT INTO citations (key, dataset_id, source_id, passage, attribution)
    SELECT input.key, ${datasetId}, inserted.id, input.passage, input.attribution
    FROM input JOIN inserted USING (key)
    RETURNING id, key`,
  );
  const citationOf = new Map(citationIds.map((c) => [c.key, c.id]));

  const locationIds = await queryRows<{ id: number; key: string }>(
    tx,
    sql`
    WITH inserted AS (
      INSERT INTO locations (key, dataset_id, name, country_code, latitude, longitude, location_precision, adm_1, adm_2)
      SELECT key, ${datasetId}, name, country_code, latitude, longitude, precision::location_precision, adm_1, adm_2
      FROM json_to_recordset(${json(rows.map((r) => ({ key: `ucdp-ged:${r.externalId}`, ...locationRow(r) })))})
        AS r(key text, name text, country_code text, latitude float8, longitude float8, precision text, adm_1 text, adm_2 text)
      RETURNING id, key, country_code
    ),
    placed AS (INSERT INTO location_countries (location_id, country_code) SELECT id, country_code FROM inserted)
    SELECT id, key FROM inserted`,
  );
  const locationOf = new Map(locationIds.map((l) => [l.key, l.id]));

  const eventRows = rows.map((r) => ({
    external_id: r.externalId,
    content_hash: r.hash,
    title: r.event.title,
    summary: r.event.summary,
    kind: r.event.kind,
    occurred_on: r.event.on,
    occurred_precision: r.event.precision,
    occurred_end: r.event.end,
    location_id: locationOf.get(`ucdp-ged:${r.externalId}`),
    citation_id: citationOf.get(`ucdp-ged:${r.externalId}#1`),
    conflict_name: r.event.conflictName,
    dyad_name: r.event.dyadName,
    details: r.event.details,
  }));
  const eventIds = await queryRows<{ id: number; external_id: string }>(
    tx,
    sql`
    INSERT INTO events (key, dataset_id, external_id, content_hash, title, summary, kind, occurred_on, occurred_precision, occurred_end,
                        location_id, citation_id, conflict_name, dyad_name, details)
    SELECT 'ucdp-ged:' || external_id, ${datasetId}, external_id, content_hash, title, summary, kind::event_kind, occurred_on,
           occurred_precision::date_precision, occurred_end, location_id, citation_id, conflict_name, dyad_name, details
    FROM json_to_recordset(${json(eventRows)})
      AS r(external_id text, content_hash text, title text, summary text, kind text, occurred_on date, occurred_precision text,
           occurred_end date, location_id int, citation_id int, conflict_name text, dyad_name text, details jsonb)
    RETURNING id, external_id`,
  );
  const eventOf = new Map(eventIds.map((e) => [e.external_id, e.id]));

  const casualtyRows = rows.map((r) => ({
    key: `ucdp-ged:${r.externalId}`,
    event_id: eventOf.get(r.externalId),
    low: r.casualty.low,
    best: r.casualty.best,
    high: r.casualty.high,
    qualifier: r.casualty.qualifier,
    wording: r.casualty.wording,
    country: r.location.countryCode,
    on: r.event.on,
    precision: r.event.precision,
    end: r.event.end,
    citation_id: citationOf.get(`ucdp-ged:${r.externalId}#1`),
    a: r.casualty.sideA,
    b: r.casualty.sideB,
    civ: r.casualty.civilians,
    unk: r.casualty.unknown,
    outside: r.casualty.bestOutsideInterval,
    rlow: r.casualty.reportedLow,
    rhigh: r.casualty.reportedHigh,
  }));
  const casualtyIds = await queryRows<{ id: number }>(
    tx,
    sql`
    INSERT INTO casualties (key, dataset_id, event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording,
                            victim_description, victim_country_code, occurred_on, occurred_precision, occurred_end, citation_id,
                            deaths_side_a, deaths_side_b, deaths_civilians, deaths_unknown,
                            best_outside_interval, reported_low, reported_high)
    SELECT key, ${datasetId}, event_id, 'KILLED', low, best, high, qualifier::figure_qualifier, wording,
           'people killed: both sides, civilians and unknown', country, "on", precision::date_precision, "end", citation_id,
           a, b, civ, unk, outside, rlow, rhigh
    FROM json_to_recordset(${json(casualtyRows)})
      AS r(key text, event_id int, low int, best int, high int, qualifier text, wording text, country text, "on" date, precision text,
           "end" date, citation_id int, a int, b int, civ int, unk int, outside boolean, rlow int, rhigh int)
    RETURNING id`,
  );

  const participantRows = rows.flatMap((r) =>
    r.sides.map((s) => ({
      event_id: eventOf.get(r.externalId),
      actor_id: state.actors.get(s.key),
      role: s.role,
      citation_id: citationOf.get(`ucdp-ged:${r.externalId}#1`),
    })),
  );
  await tx.execute(sql`
    INSERT INTO event_actors (event_id, actor_id, role, citation_id)
    SELECT event_id, actor_id, role::event_actor_role, citation_id
    FROM json_to_recordset(${json(participantRows)}) AS r(event_id int, actor_id int, role text, citation_id int)
    ON CONFLICT DO NOTHING`);

  return {
    imported: fresh.length,
    updated: changed.length,
    unchanged,
    widened: rows.filter((r) => r.casualty.bestOutsideInterval).length,
    written: {
      createdEvents: fresh.map((r) => eventOf.get(r.externalId)!),
      updatedEvents: changed.map((c) => eventOf.get(c.row.externalId)!),
      casualties: casualtyIds.map((c) => c.id),
    },
  };
}

const locationRow = (r: MappedGedEvent) => ({
  name: r.location.name,
  country_code: r.location.countryCode,
  latitude: r.location.latitude,
  longitude: r.location.longitude,
  precision: r.location.precision,
  adm_1: r.location.adm1,
  adm_2: r.location.adm2,
});
