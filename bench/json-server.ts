/**
 * What the benchmark's hand-written peers share (floor-server.ts, write-floor-server.ts): a pg
 * pool from DATABASE_URL and a bare node:http server that reads a JSON body, answers the
 * handler's text as JSON (500 with the error otherwise), and closes both on SIGTERM.
 */
import { createServer } from 'node:http';
import pg from 'pg';

export function floorPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required');
  const pool = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) });
  pool.on('error', () => {});
  return pool;
}

export function serveJson(
  pool: pg.Pool,
  port: number,
  ready: string,
  handle: (body: unknown) => Promise<{ status: number; body: string }>,
): void {
  const server = createServer((request, response) => {
    const reply = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve()
        .then(() => handle(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
        .then(({ status, body }) => reply(status, body))
        .catch((error: unknown) => reply(500, JSON.stringify({ error: error instanceof Error ? error.message : String(error) })));
    });
  });
  server.listen(port, '127.0.0.1', () => console.log(ready));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
}
