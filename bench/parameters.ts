/**
 * The values the benchmark queries are asked with, picked from the data set: a mid-table event,
 * an event with about 30 reactions, a page deep in the busiest kind, the busiest country and
 * event for the statistics. Cursors are each peer's own, obtained through its own API.
 */
import pg from 'pg';
import type { QueryParameters, RequestBody } from './queries.js';

/** Sends a GraphQL request to a peer and returns its `data` (throws on errors). */
export type Ask = (body: RequestBody) => Promise<any>;

/** Without `postgraphile`, its cursor is left empty (runs that do not query it). */
export async function pickParameters(url: string, ask: { newsgraph: Ask; postgraphile?: Ask }): Promise<QueryParameters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const one = async <T>(text: string, values: unknown[] = []): Promise<T> => {
    const { rows } = await client.query(text, values);
    if (!rows[0]) throw new Error(`no row for: ${text}`);
    return rows[0] as T;
  };
  try {
    const pageSize = 20;
    const node = await one<{ id: number }>(`SELECT id FROM events WHERE location_id IS NOT NULL ORDER BY id
      LIMIT 1 OFFSET (SELECT count(*) / 2 FROM events WHERE location_id IS NOT NULL)`);
    // A busy but readable event: reactions closest to 30.
    const reactions = await one<{ event_id: number }>(
      `SELECT event_id FROM reactions GROUP BY event_id ORDER BY abs(count(*) - 30), event_id LIMIT 1`,
    );
    const kind = await one<{ kind: string; n: string }>(
      `SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY count(*) DESC, kind LIMIT 1`,
    );
    const page = Math.max(1, Math.min(50, Math.floor((Number(kind.n) - 1) / pageSize)));
    const skip = page * pageSize;
    const before = await one<{ date: string; id: number }>(
      `SELECT to_char(occurred_on, 'YYYY-MM-DD') AS date, id FROM events WHERE kind = $1 ORDER BY occurred_on, id OFFSET $2 - 1 LIMIT 1`,
      [kind.kind, skip],
    );
    const country = await one<{ code: string }>(`SELECT victim_country_code AS code FROM casualties WHERE victim_country_code IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const busiest = await one<{ event_id: number }>(`SELECT event_id FROM casualties GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const quoted = await one<{ id: number }>(`SELECT speaker_actor_id AS id FROM quotes GROUP BY 1 ORDER BY abs(count(*) - 20), 1 LIMIT 1`);
    const actorsCountry = await one<{ code: string }>(
      `SELECT country_code AS code FROM actors WHERE country_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );

    // Each peer's own cursor for the row before the page, obtained through its own API.
    let newsgraphAfter: string | null = null;
    for (let remaining = skip; remaining > 0;) {
      const first = Math.min(100, remaining);
      const data = await ask.newsgraph({
        query: `query Walk($first: Int!, $after: String, $kind: EventKind!) { events(first: $first, after: $after, filter: { kinds: [$kind] }) { pageInfo { endCursor } } }`,
        variables: { first, after: newsgraphAfter, kind: kind.kind },
      });
      newsgraphAfter = data.events.pageInfo.endCursor;
      remaining -= first;
    }
    const pgl =
      ask.postgraphile &&
      (await ask.postgraphile({
        query: `query Skip($offset: Int!, $kind: EventKind!) { allEvents(first: 1, offset: $offset, condition: { kind: $kind }, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) { edges { cursor } } }`,
        variables: { offset: skip - 1, kind: kind.kind },
      }));
    return {
      pageSize,
      nodeEventId: node.id,
      reactionsEventId: reactions.event_id,
      deepPage: {
        kind: kind.kind,
        page,
        newsgraphAfter: newsgraphAfter!,
        postgraphileAfter: pgl ? pgl.allEvents.edges[0].cursor : '',
        floorAfter: before,
      },
      statsCountry: country.code,
      statsEventId: busiest.event_id,
      quotedActorId: quoted.id,
      actorsCountry: actorsCountry.code,
    };
  } finally {
    await client.end();
  }
}
