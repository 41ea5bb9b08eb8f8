/**
 * The write floor: what casualtyReport writes (a citation and a casualty record, with the
 * settings its revision and audit triggers read) as one hand-written statement behind a bare
 * node:http handler, without checks, GraphQL or transactions of its own. POST / with the
 * mutation's variables ({"input": …}); answers the id.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString, max: Number(process.env.PG_POOL_MAX ?? 10) });
pool.on('error', () => {});

const INSERT = `
  WITH settings AS (
    SELECT set_config('newsgraph.editor', 'floor', true), set_config('newsgraph.mutation', 'casualtyReport', true),
           set_config('newsgraph.request_id', $1, true)
  ), cited AS (
    INSERT INTO citations (source_id, passage) SELECT $2, $3 FROM settings RETURNING id
  )
  INSERT INTO casualties (event_id, kind, figure_low, figure_qualifier, figure_wording, victim_description, victim_country_code,
                          occurred_on, occurred_precision, citation_id)
  SELECT $4, 'KILLED', $5, 'AT_LEAST', $6, $7, $8, $9, 'DAY', cited.id FROM cited
  RETURNING id`;

interface Input {
  event: number;
  figure: { low: number; wording: string };
  victims: string;
  victimCountry: string;
  occurredOn: { date: string };
  citation: { source: number; passage: string };
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const { input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: Input };
        const { rows } = await pool.query<{ id: number }>(INSERT, [
          randomUUID(),
          input.citation.source,
          input.citation.passage,
          input.event,
          input.figure.low,
          input.figure.wording,
          input.victims,
          input.victimCountry,
          input.occurredOn.date,
        ]);
        const body = JSON.stringify({ data: { casualtyReport: { casualty: { id: rows[0]!.id }, userErrors: [] } } });
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
});
server.listen(Number(process.env.PORT ?? 5002), '127.0.0.1', () => console.log('write floor ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
