/**
 * The floor's SQL: each shared benchmark query answered by one hand-written statement that builds
 * the whole JSON response inside Postgres. Served bare by floor-server.ts, and through Apollo on
 * express by apollo-bare-server.ts.
 */
import type { QueryConfig } from 'pg';

export type Variables = Record<string, unknown>;

/** Statement text and its parameters per query; every statement returns one `json` text column. */
export const floorStatements: Record<string, { text: string; values: (variables: Variables) => unknown[] }> = {
  nestedList: {
    text: `
      SELECT coalesce(json_agg(json_build_object(
        'id', e.id, 'title', e.title, 'occurredOn', e.occurred_on,
        'actors', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.id), '[]')
                   FROM actors a WHERE a.id IN (SELECT actor_id FROM event_actors WHERE event_id = e.id)),
        'quotes', (SELECT coalesce(json_agg(json_build_object('id', q.id, 'text', q.text, 'speaker', json_build_object('id', s.id, 'name', s.name))
                     ORDER BY q.occurred_on, q.id), '[]')
                   FROM quotes q JOIN actors s ON s.id = q.speaker_actor_id WHERE q.event_id = e.id)
      ) ORDER BY e.occurred_on, e.id), '[]')::text AS json
      FROM (SELECT id, title, occurred_on FROM events ORDER BY occurred_on, id LIMIT $1) e`,
    values: (v) => [v.first],
  },
  nodeLookup: {
    text: `
      SELECT json_build_object(
        'id', e.id, 'title', e.title, 'summary', e.summary, 'kind', e.kind, 'occurredOn', e.occurred_on, 'precision', e.occurred_precision,
        'location', CASE WHEN l.id IS NOT NULL THEN json_build_object('name', l.name,
          'country', CASE WHEN c.code IS NOT NULL THEN json_build_object('code', c.code, 'name', c.name) END) END
      )::text AS json
      FROM events e LEFT JOIN locations l ON l.id = e.location_id LEFT JOIN countries c ON c.code = l.country_code
      WHERE e.id = $1`,
    values: (v) => [v.id],
  },
  reactionsByCountry: {
    text: `
      SELECT coalesce(json_agg(json_build_object('country', json_build_object('code', g.code, 'name', g.name),
        'actorCount', g.actor_count, 'reactions', g.reactions) ORDER BY g.reaction_count DESC, g.name), '[]')::text AS json
      FROM (
        SELECT c.code, c.name, count(*) AS reaction_count, count(DISTINCT r.actor_id) AS actor_count,
          json_agg(json_build_object('id', r.id, 'stance', r.stance, 'summary', r.summary, 'actor', json_build_object('id', a.id, 'name', a.name))
            ORDER BY r.id) AS reactions
        FROM reactions r JOIN actors a ON a.id = r.actor_id JOIN countries c ON c.code = a.country_code
        WHERE r.event_id = $1
        GROUP BY c.code, c.name
      ) g`,
    values: (v) => [v.id],
  },
  deepPage: {
    text: `
      SELECT json_build_object(
        'hasNextPage', count(*) > $4,
        'events', coalesce(json_agg(json_build_object('id', p.id, 'title', p.title, 'occurredOn', p.occurred_on) ORDER BY p.occurred_on, p.id)
          FILTER (WHERE p.position <= $4), '[]')
      )::text AS json
      FROM (
        SELECT id, title, occurred_on, row_number() OVER (ORDER BY occurred_on, id) AS position
        FROM events
        WHERE kind = $1::event_kind AND (occurred_on, id) > ($2::date, $3::int)
        ORDER BY occurred_on, id
        LIMIT $4 + 1
      ) p`,
    values: (v) => [v.kind, v.afterDate, v.afterId, v.first],
  },
  actorsWithCountry: {
    text: `
      SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind,
        'country', CASE WHEN c.code IS NOT NULL THEN json_build_object('code', c.code, 'name', c.name) END) ORDER BY a.name, a.id), '[]')::text AS json
      FROM (SELECT id, name, kind, country_code FROM actors ORDER BY name, id LIMIT $1) a LEFT JOIN countries c ON c.code = a.country_code`,
    values: (v) => [v.first],
  },
  quotesWithSpeakerAndEvent: {
    text: `
      SELECT coalesce(json_agg(json_build_object('id', q.id, 'text', q.text, 'saidOn', q.occurred_on,
        'speaker', json_build_object('id', s.id, 'name', s.name),
        'event', CASE WHEN e.id IS NOT NULL THEN json_build_object('id', e.id, 'title', e.title) END) ORDER BY q.occurred_on, q.id), '[]')::text AS json
      FROM (SELECT id, text, occurred_on, speaker_actor_id, event_id FROM quotes ORDER BY occurred_on, id LIMIT $1) q
      JOIN actors s ON s.id = q.speaker_actor_id LEFT JOIN events e ON e.id = q.event_id`,
    values: (v) => [v.first],
  },
  actorQuotes: {
    text: `
      SELECT json_build_object('id', a.id, 'name', a.name,
        'quotes', (SELECT coalesce(json_agg(json_build_object('id', q.id, 'text', q.text, 'saidOn', q.occurred_on) ORDER BY q.occurred_on, q.id), '[]')
                   FROM quotes q WHERE q.speaker_actor_id = a.id))::text AS json
      FROM actors a WHERE a.id = $1`,
    values: (v) => [v.id],
  },
  actorsOfCountry: {
    text: `
      SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind, 'title', a.title) ORDER BY a.name, a.id), '[]')::text AS json
      FROM (SELECT id, name, kind, title FROM actors WHERE country_code = $2 ORDER BY name, id LIMIT $1) a`,
    values: (v) => [v.first, v.country],
  },
};

/**
 * The statement answering `query` with these variables, named after the query so pg prepares it
 * once per connection; undefined for a query the floor does not know.
 */
export function floorQuery(query: string, variables: Variables | null | undefined): QueryConfig | undefined {
  const statement = floorStatements[query];
  return statement && { name: query, text: statement.text, values: statement.values(variables ?? {}) };
}
