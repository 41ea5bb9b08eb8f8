import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { MAX_SERIES_POINTS } from './modules/stats/series-limit.js';
import type { FanoutOf, ListFanout } from '../http/query-cost.js';

/**
 * Fan-out of the API's nested plain lists: how many items a list holds per parent, measured on
 * the data and kept in `relation_fanout` (migrations/0008_relation_fanout.sql). The query cost
 * estimate (src/http/query-cost.ts) multiplies by these instead of a fixed guess.
 *
 * Measured exactly with GROUP BY rather than read from Postgres statistics (pg_stats n_distinct,
 * most_common_freqs): those are samples, PGlite never collects them on its own (no autovacuum),
 * and some lists (reactionsByCountry) follow a join no single column's statistics describe.
 */

/** One list's measurement: parents seen, items over all of them, and the most any one parent has. */
export interface FanoutRow {
  relation: string;
  parents: number;
  children: number;
  maxChildren: number;
}

/** `count(*) AS n` per parent, then parents (all of them, childless included), items and maximum. */
const perParent = (relation: string, counts: SQL, parents: SQL | undefined) => sql`
  SELECT ${relation}::text AS relation, ${parents ? sql`(${parents})` : sql`count(*)`}::int8 AS parents,
         coalesce(sum(n), 0)::int8 AS children, coalesce(max(n), 0)::int8 AS max_children
  FROM (${counts}) AS per_parent`;
/** Everything a root list returns: one parent. */
const rootList = (relation: string, items: SQL) => sql`SELECT ${relation}::text, 1::int8, n::int8, n::int8 FROM (${items}) AS root_list`;

const allEvents = sql`SELECT count(*) FROM events`;
const allActors = sql`SELECT count(*) FROM actors`;
/** Reactions of actors tied to one country, keyed by event and that country (as reactionsByCountry groups them). */
const countryReactions = sql`
  SELECT r.event_id, a.country_code, count(*) AS n, count(DISTINCT a.id) AS actor_count
  FROM reactions r JOIN actors a ON a.id = r.actor_id WHERE a.country_code IS NOT NULL GROUP BY r.event_id, a.country_code`;

/**
 * Every nested plain list of objects, by schema coordinate (`Type.field`), with the statement
 * measuring it. A list without an entry here is costed with the estimate's default.
 */
const relations: SQL[] = [
  perParent('Event.actors', sql`SELECT count(DISTINCT actor_id) AS n FROM event_actors GROUP BY event_id`, allEvents),
  perParent('Event.participants', sql`SELECT count(*) AS n FROM event_actors GROUP BY event_id`, allEvents),
  perParent('Event.casualties', sql`SELECT count(*) AS n FROM casualties GROUP BY event_id`, allEvents),
  perParent(
    'Casualty.revisions',
    sql`SELECT count(*) AS n FROM casualty_revisions GROUP BY casualty_id`,
    sql`SELECT count(*) FROM casualties`,
  ),
  perParent(
    'Deployment.revisions',
    sql`SELECT count(*) AS n FROM deployment_revisions GROUP BY deployment_id`,
    sql`SELECT count(*) FROM deployments`,
  ),
  perParent('Event.deployments', sql`SELECT count(*) AS n FROM deployments WHERE event_id IS NOT NULL GROUP BY event_id`, allEvents),
  perParent('Event.quotes', sql`SELECT count(*) AS n FROM quotes WHERE event_id IS NOT NULL GROUP BY event_id`, allEvents),
  perParent('Event.reactions', sql`SELECT count(*) AS n FROM reactions GROUP BY event_id`, allEvents),
  perParent('Event.causes', sql`SELECT count(*) AS n FROM event_links GROUP BY from_event_id`, allEvents),
  perParent('Event.consequences', sql`SELECT count(*) AS n FROM event_links GROUP BY to_event_id`, allEvents),
  perParent('Event.reactionsByCountry', sql`SELECT count(*) AS n FROM (${countryReactions}) AS g GROUP BY event_id`, allEvents),
  perParent('CountryReactions.reactions', sql`SELECT n FROM (${countryReactions}) AS g`, undefined),
  perParent(
    'Event.sources',
    sql`SELECT count(DISTINCT c.source_id) AS n FROM (
          SELECT id AS event_id, citation_id FROM events
          UNION ALL SELECT event_id, citation_id FROM casualties
          UNION ALL SELECT event_id, citation_id FROM deployments WHERE event_id IS NOT NULL
          UNION ALL SELECT event_id, citation_id FROM quotes WHERE event_id IS NOT NULL
          UNION ALL SELECT event_id, citation_id FROM reactions
        ) AS facts JOIN citations c ON c.id = facts.citation_id GROUP BY facts.event_id`,
    allEvents,
  ),
  perParent('Actor.events', sql`SELECT count(DISTINCT event_id) AS n FROM event_actors GROUP BY actor_id`, allActors),
  perParent('Actor.members', sql`SELECT count(*) AS n FROM actors WHERE parent_id IS NOT NULL GROUP BY parent_id`, allActors),
  perParent('Actor.quotes', sql`SELECT count(*) AS n FROM quotes GROUP BY speaker_actor_id`, allActors),
  perParent('Actor.reactions', sql`SELECT count(*) AS n FROM reactions GROUP BY actor_id`, allActors),
  perParent(
    'Reaction.quotes',
    sql`SELECT count(*) AS n FROM quotes WHERE reaction_id IS NOT NULL GROUP BY reaction_id`,
    sql`SELECT count(*) FROM reactions`,
  ),
  perParent(
    'Location.countries',
    sql`SELECT count(*) AS n FROM location_countries GROUP BY location_id`,
    sql`SELECT count(*) FROM locations`,
  ),
  rootList('Query.countries', sql`SELECT count(*) AS n FROM countries`),
  rootList('Query.sources', sql`SELECT count(*) AS n FROM sources`),
  // Expected: a series without a date range spans the data (its daily points); at worst, the series' cap.
  sql`SELECT 'CasualtySeries.points', 1::int8, least(coalesce(max(occurred_on) - min(occurred_on) + 1, 0), ${MAX_SERIES_POINTS})::int8,
             ${MAX_SERIES_POINTS}::int8
      FROM casualties WHERE occurred_precision = 'DAY'`,
];

/**
 * Measures every list again and stores the result, in one statement. Call it after anything that
 * loads data in bulk (the seed, an importer, the synthetic generator); rows whose figures did not
 * change are left untouched, so loading the same data twice changes nothing.
 */
export async function refreshFanout(db: Database): Promise<void> {
  await db.execute(sql`
    INSERT INTO relation_fanout AS f (relation, parents, children, max_children)
    ${sql.join(relations, sql` UNION ALL `)}
    ON CONFLICT (relation) DO UPDATE SET parents = excluded.parents, children = excluded.children, max_children = excluded.max_children
    WHERE (f.parents, f.children, f.max_children) IS DISTINCT FROM (excluded.parents, excluded.children, excluded.max_children)`);
}

/** The stored measurements (none before the first refresh). */
export async function readFanout(db: Database): Promise<FanoutRow[]> {
  const rows = await queryRows<{ relation: string; parents: string | number; children: string | number; max_children: string | number }>(
    db,
    sql`SELECT relation, parents, children, max_children FROM relation_fanout`,
  );
  return rows.map((row) => ({
    relation: row.relation,
    parents: Number(row.parents),
    children: Number(row.children),
    maxChildren: Number(row.max_children),
  }));
}

/** Measures the lists once if they never were (a database loaded before the table existed). */
export async function refreshFanoutIfMissing(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ present: boolean }>(db, sql`SELECT EXISTS (SELECT FROM relation_fanout) AS present`);
  if (row?.present) return false;
  await refreshFanout(db);
  return true;
}

/**
 * The measurements the server prices queries with, reread from the table at start and then
 * periodically (an importer in another process refreshes the table, not this object).
 */
export class FanoutStatistics {
  private byRelation = new Map<string, ListFanout>();
  private signature = '';
  /** Changes whenever the figures do, so costs remembered under older figures are worked out again. */
  version = 0;

  /** The list's average and largest size per parent; undefined if it was never measured. */
  readonly of: FanoutOf = (coordinate) => this.byRelation.get(coordinate);

  set(rows: FanoutRow[]): void {
    const signature = JSON.stringify([...rows].sort((a, b) => (a.relation < b.relation ? -1 : 1)));
    if (signature === this.signature) return;
    this.signature = signature;
    this.byRelation = new Map(
      rows.map((row) => [row.relation, { average: row.parents > 0 ? row.children / row.parents : 0, max: row.maxChildren }]),
    );
    this.version++;
  }

  async reload(db: Database): Promise<void> {
    this.set(await readFanout(db));
  }
}
