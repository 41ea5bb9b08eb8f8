/**
 * The write floor: what casualtyReport writes (a citation and a casualty record, with the
 * settings its revision and audit triggers read) as one hand-written statement behind a bare
 * node:http handler, without checks, GraphQL or transactions of its own. POST / with the
 * mutation's variables ({"input": …}); answers the id.
 */
import { randomUUID } from 'node:crypto';
import { floorPool, serveJson } from './json-server.js';

const pool = floorPool();

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

serveJson(pool, Number(process.env.PORT ?? 5002), 'write floor ready', async (body) => {
  const { input } = body as { input: Input };
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
  return { status: 200, body: JSON.stringify({ data: { casualtyReport: { casualty: { id: rows[0]!.id }, userErrors: [] } } }) };
});
