/**
 * The floor: each benchmark query answered by one hand-written SQL statement that builds the
 * whole JSON response inside Postgres (floor-sql.ts), served by a bare node:http handler.
 * POST / with {"query": "<name>", "variables": {...}}.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { floorQuery } from './floor-sql.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 5001);
const pool = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) });
pool.on('error', () => {});

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
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        const statement = floorQuery(query, variables);
        if (!statement) return reply(response, 400, JSON.stringify({ error: `unknown query ${query}` }));
        const result = await pool.query<{ json: string | null }>(statement);
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
