/**
 * The floor: each benchmark query answered by one hand-written SQL statement that builds the
 * whole JSON response inside Postgres (floor-sql.ts), served by a bare node:http handler.
 * POST / with {"query": "<name>", "variables": {...}}.
 */
import { floorQuery } from './floor-sql.js';
import { floorPool, serveJson } from './json-server.js';

const pool = floorPool();
const port = Number(process.env.PORT ?? 5001);

serveJson(pool, port, `floor ready on ${port}`, async (body) => {
  const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
  const statement = floorQuery(query, variables);
  if (!statement) return { status: 400, body: JSON.stringify({ error: `unknown query ${query}` }) };
  const result = await pool.query<{ json: string | null }>(statement);
  // The JSON is built by Postgres; wrapping it as text avoids a parse/stringify round trip.
  return { status: 200, body: `{"data":${result.rows[0]?.json ?? 'null'}}` };
});
