import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../src/db/client.js';
import {
  actors,
  casualties,
  citations,
  countries,
  datasets,
  deployments,
  eventActors,
  eventLinks,
  events,
  locationCountries,
  locations,
  quotes,
  reactions,
  sources,
} from '../src/db/schema/index.js';
import type { Dataset, SeedCitation, SeedDate, SeedFigure } from './types.js';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Every reference in the dataset must name an existing key; report all broken ones at once. */
export function checkReferences(data: Dataset): string[] {
  const keys = (items: { key: string }[]) => new Set(items.map((i) => i.key));
  const sets = {
    country: new Set(data.countries.map((c) => c.code)),
    source: keys(data.sources),
    actor: keys(data.actors),
    location: keys(data.locations),
    event: keys(data.events),
    deployment: keys(data.deployments),
    reaction: keys(data.reactions),
  };
  const problems: string[] = [];
  const need = (kind: keyof typeof sets, key: string | null, where: string) => {
    if (key !== null && !sets[kind].has(key)) problems.push(`${where}: unknown ${kind} "${key}"`);
  };
  const cite = (c: SeedCitation, where: string) => {
    need('source', c.source, where);
    need('actor', c.attributedTo, `${where} attributedTo`);
  };
  for (const [kind, items] of Object.entries({
    actor: data.actors,
    event: data.events,
    casualty: data.casualties,
    deployment: data.deployments,
    reaction: data.reactions,
    quote: data.quotes,
  })) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.key)) problems.push(`duplicate ${kind} key "${item.key}"`);
      seen.add(item.key);
    }
  }
  for (const a of data.actors) {
    need('country', a.country, `actor ${a.key}`);
    need('actor', a.parent, `actor ${a.key} parent`);
  }
  for (const l of data.locations) for (const country of l.countries) need('country', country, `location ${l.key}`);
  for (const e of data.events) {
    need('location', e.location, `event ${e.key}`);
    cite(e.citation, `event ${e.key}`);
    for (const p of e.actors) {
      need('actor', p.actor, `event ${e.key} actor`);
      cite(p.citation, `event ${e.key} actor ${p.actor}`);
    }
  }
  for (const l of data.eventLinks) {
    need('event', l.from, 'event link from');
    need('event', l.to, 'event link to');
    cite(l.citation, `event link ${l.from}→${l.to}`);
  }
  for (const c of data.casualties) {
    need('event', c.event, `casualty ${c.key}`);
    need('country', c.victimCountry, `casualty ${c.key}`);
    need('actor', c.affiliation, `casualty ${c.key}`);
    cite(c.citation, `casualty ${c.key}`);
  }
  for (const d of data.deployments) {
    need('country', d.forceCountry, `deployment ${d.key}`);
    need('country', d.destinationCountry, `deployment ${d.key}`);
    need('location', d.destinationLocation, `deployment ${d.key}`);
    need('actor', d.orderedBy, `deployment ${d.key}`);
    need('event', d.event, `deployment ${d.key}`);
    need('deployment', d.supersedes, `deployment ${d.key} supersedes`);
    cite(d.citation, `deployment ${d.key}`);
  }
  for (const r of data.reactions) {
    need('actor', r.actor, `reaction ${r.key}`);
    need('event', r.event, `reaction ${r.key}`);
    cite(r.citation, `reaction ${r.key}`);
  }
  for (const q of data.quotes) {
    need('actor', q.speaker, `quote ${q.key}`);
    need('event', q.event, `quote ${q.key}`);
    need('reaction', q.reaction, `quote ${q.key}`);
    cite(q.citation, `quote ${q.key}`);
  }
  return problems;
}

/** `INSERT … ON CONFLICT (key) DO UPDATE SET every column = excluded`; returns key → id. */
async function upsertByKey<T extends PgTable & { key: PgColumn; id: PgColumn }>(
  tx: Tx,
  table: T,
  unstamped: (T['$inferInsert'] & { key: string })[],
  datasetId: number,
): Promise<Map<string, number>> {
  if (unstamped.length === 0) return new Map();
  const rows = unstamped.map((row) => ({ ...row, datasetId }));
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const set: Record<string, SQL> = {};
  for (const property of Object.keys(rows[0]!)) {
    if (property !== 'key') set[property] = sql.raw(`excluded."${columns[property]!.name}"`);
  }
  const inserted = (await tx
    .insert(table)
    .values(rows as never)
    .onConflictDoUpdate({ target: table.key, set: set as never })
    .returning({ id: table.id, key: table.key })) as { id: number; key: string }[];
  return new Map(inserted.map((r) => [r.key, r.id]));
}

const figure = (f: SeedFigure) => ({
  figureLow: f.low,
  figureBest: f.best,
  figureHigh: f.high,
  figureQualifier: f.qualifier,
  figureWording: f.wording,
});
const occurred = (d: SeedDate) => ({ occurredOn: d.on, occurredPrecision: d.precision });

function idOf(ids: Map<string, number>, key: string): number;
function idOf(ids: Map<string, number>, key: string | null): number | null;
function idOf(ids: Map<string, number>, key: string | null): number | null {
  if (key === null) return null;
  const id = ids.get(key);
  if (id === undefined) throw new Error(`seed: no id for key "${key}"`);
  return id;
}

/**
 * Loads a dataset in one transaction, idempotently: every row is upserted by its stable key,
 * so a second run rewrites identical values and changes nothing.
 */
export async function loadDataset(db: Database, data: Dataset): Promise<void> {
  const problems = checkReferences(data);
  if (problems.length) throw new Error(`dataset has broken references:\n${problems.join('\n')}`);

  await db.transaction(async (tx) => {
    const { key, ...info } = data.info;
    // imported_at is when the dataset was first loaded: seeding again must change no row.
    const [stored] = await tx
      .insert(datasets)
      .values({ key, ...info, importedAt: sql`now()` })
      .onConflictDoUpdate({ target: datasets.key, set: info })
      .returning({ id: datasets.id });
    const datasetId = stored!.id;
    await tx
      .insert(countries)
      .values(data.countries)
      .onConflictDoUpdate({ target: countries.code, set: { name: sql`excluded.name` } });
    const sourceIds = await upsertByKey(
      tx,
      sources,
      data.sources.map((s) => ({ ...s })),
      datasetId,
    );

    // Actors first without parents (a parent may come later in the list), then link parents.
    const actorRows = data.actors.map((a) => ({
      key: a.key,
      name: a.name,
      aliases: a.aliases,
      kind: a.kind,
      countryCode: a.country,
      title: a.title,
      description: a.description,
    }));
    const actorIds = await upsertByKey(tx, actors, actorRows, datasetId);
    for (const a of data.actors) {
      await tx
        .update(actors)
        .set({ parentId: idOf(actorIds, a.parent) })
        .where(sql`${actors.key} = ${a.key}`);
    }
    // country_code holds the one country of a place in exactly one (for the deprecated Location.country).
    const locationIds = await upsertByKey(
      tx,
      locations,
      data.locations.map((l) => ({
        key: l.key,
        name: l.name,
        countryCode: l.countries.length === 1 ? l.countries[0]! : null,
        latitude: l.latitude,
        longitude: l.longitude,
      })),
      datasetId,
    );
    if (locationIds.size) {
      await tx.delete(locationCountries).where(inArray(locationCountries.locationId, [...locationIds.values()]));
      const placed = data.locations.flatMap((l) =>
        l.countries.map((countryCode) => ({ locationId: idOf(locationIds, l.key), countryCode })),
      );
      if (placed.length) await tx.insert(locationCountries).values(placed);
    }

    const pendingCitations: (typeof citations.$inferInsert & { key: string })[] = [];
    const citation = (key: string, c: SeedCitation) => {
      pendingCitations.push({
        key,
        sourceId: idOf(sourceIds, c.source),
        passage: c.passage,
        attributedToActorId: idOf(actorIds, c.attributedTo),
        attribution: c.attribution,
      });
      return key;
    };
    data.events.forEach((e) => {
      citation(`event:${e.key}`, e.citation);
      e.actors.forEach((p) => citation(`event-actor:${e.key}:${p.actor}:${p.role}`, p.citation));
    });
    data.eventLinks.forEach((l) => citation(`event-link:${l.from}:${l.to}:${l.kind}`, l.citation));
    data.casualties.forEach((c) => citation(`casualty:${c.key}`, c.citation));
    data.deployments.forEach((d) => citation(`deployment:${d.key}`, d.citation));
    data.reactions.forEach((r) => citation(`reaction:${r.key}`, r.citation));
    data.quotes.forEach((q) => citation(`quote:${q.key}`, q.citation));
    const citationIds = await upsertByKey(tx, citations, pendingCitations, datasetId);

    const eventIds = await upsertByKey(
      tx,
      events,
      data.events.map((e) => ({
        key: e.key,
        title: e.title,
        summary: e.summary,
        kind: e.kind,
        ...occurred(e.occurred),
        locationId: idOf(locationIds, e.location),
        isTimelineEntry: e.timeline,
        citationId: idOf(citationIds, `event:${e.key}`),
      })),
      datasetId,
    );
    const participants = data.events.flatMap((e) =>
      e.actors.map((p) => ({
        eventId: idOf(eventIds, e.key),
        actorId: idOf(actorIds, p.actor),
        role: p.role,
        citationId: idOf(citationIds, `event-actor:${e.key}:${p.actor}:${p.role}`),
      })),
    );
    if (participants.length) {
      await tx
        .insert(eventActors)
        .values(participants)
        .onConflictDoUpdate({
          target: [eventActors.eventId, eventActors.actorId, eventActors.role],
          set: { citationId: sql`excluded.citation_id` },
        });
    }
    if (data.eventLinks.length) {
      await tx
        .insert(eventLinks)
        .values(
          data.eventLinks.map((l) => ({
            fromEventId: idOf(eventIds, l.from),
            toEventId: idOf(eventIds, l.to),
            kind: l.kind,
            citationId: idOf(citationIds, `event-link:${l.from}:${l.to}:${l.kind}`),
          })),
        )
        .onConflictDoUpdate({
          target: [eventLinks.fromEventId, eventLinks.toEventId, eventLinks.kind],
          set: { citationId: sql`excluded.citation_id` },
        });
    }

    await upsertByKey(
      tx,
      casualties,
      data.casualties.map((c) => ({
        key: c.key,
        eventId: idOf(eventIds, c.event),
        kind: c.kind,
        ...figure(c.figure),
        victimDescription: c.victims,
        victimCountryCode: c.victimCountry,
        affiliatedActorId: idOf(actorIds, c.affiliation),
        ...occurred(c.occurred),
        citationId: idOf(citationIds, `casualty:${c.key}`),
      })),
      datasetId,
    );

    const deploymentIds = await upsertByKey(
      tx,
      deployments,
      data.deployments.map((d) => ({
        key: d.key,
        ...figure(d.figure),
        status: d.status,
        troopDescription: d.troops,
        forceCountryCode: d.forceCountry,
        orderedByActorId: idOf(actorIds, d.orderedBy),
        destinationLocationId: idOf(locationIds, d.destinationLocation),
        destinationCountryCode: d.destinationCountry,
        ...occurred(d.occurred),
        eventId: idOf(eventIds, d.event),
        citationId: idOf(citationIds, `deployment:${d.key}`),
      })),
      datasetId,
    );
    for (const d of data.deployments) {
      await tx
        .update(deployments)
        .set({ supersedesId: idOf(deploymentIds, d.supersedes) })
        .where(sql`${deployments.key} = ${d.key}`);
    }

    const reactionIds = await upsertByKey(
      tx,
      reactions,
      data.reactions.map((r) => ({
        key: r.key,
        actorId: idOf(actorIds, r.actor),
        eventId: idOf(eventIds, r.event),
        stance: r.stance,
        summary: r.summary,
        ...occurred(r.occurred),
        citationId: idOf(citationIds, `reaction:${r.key}`),
      })),
      datasetId,
    );
    await upsertByKey(
      tx,
      quotes,
      data.quotes.map((q) => ({
        key: q.key,
        text: q.text,
        speakerActorId: idOf(actorIds, q.speaker),
        eventId: idOf(eventIds, q.event),
        reactionId: idOf(reactionIds, q.reaction),
        ...occurred(q.said),
        medium: q.medium,
        citationId: idOf(citationIds, `quote:${q.key}`),
      })),
      datasetId,
    );
  });
}
