/**
 * The floor: each benchmark query answered by one hand-written SQL statement that builds the
 * whole JSON response inside Postgres (named, so pg prepares it once per connection), served by
 * a bare node:http handler. POST / with {"query": "<name>", "variables": {...}}.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 5001);
const pool = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) });
pool.on('error', () => {});

type Variables = Record<string, unknown>;

/** Statement text and its parameters per query; every statement returns one `json` text column. */
const statements: Record<string, { text: string; values: (variables: Variables) => unknown[] }> = {
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
};

function reply(response: import('node:http').ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Variables };
        const statement = statements[query];
        if (!statement) return reply(response, 400, JSON.stringify({ error: `unknown query ${query}` }));
        const result = await pool.query<{ json: string | null }>({ name: query, text: statement.text, values: statement.values(variables ?? {}) });
        // The JSON is built by Postgres; wrapping it as text avoids a parse/stringify round trip.
        reply(response, 200, `{"data":${result.rows[0]?.json ?? 'null'}}`);
      } catch (error) {
        reply(response, 500, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      }
    })();
  });
});
server.listen(port, '127.0.0.1', () => console.log(`floor ready on ${port}`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
