import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as enums from '../../src/db/schema/enums.js';
import { readLines } from '../../src/import/newsgraph/lines.js';
import { lineValidator, schemaProblems } from '../../src/import/newsgraph/read.js';
import { SCHEMA_FILE, VALIDATOR_FILE, validatorSource } from '../../scripts/import-schema.js';

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $defs: Record<string, any> };
const defs = schema.$defs;
const problemsOf = (line: unknown) => (lineValidator(line) ? [] : schemaProblems(lineValidator.errors ?? []));

describe('the newsgraph import schema', () => {
  it('is compiled into the committed validator (run `npm run schema:import` after editing it)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8') === validatorSource()).toBe(true);
  });

  it("names exactly the database's values for every closed set", () => {
    const cases: [unknown[], { enumValues: readonly string[] }][] = [
      [defs.fuzzyDate.properties.precision.enum, enums.datePrecision],
      [defs.figure.properties.qualifier.enum, enums.figureQualifier],
      [defs.actor.properties.kind.enum, enums.actorKind],
      [defs.event.properties.kind.enum, enums.eventKind],
      [defs.participant.properties.role.enum, enums.eventActorRole],
      [defs.link.properties.kind.enum, enums.eventLinkKind],
      [defs.casualty.properties.kind.enum, enums.casualtyKind],
      [defs.deployment.properties.status.enum, enums.deploymentStatus],
      [defs.reaction.properties.stance.enum, enums.reactionStance],
      [defs.medium.enum, enums.quoteMedium],
      [defs.location.properties.precision.enum.filter((v: unknown) => v !== null), enums.locationPrecision],
    ];
    for (const [inSchema, inDatabase] of cases) expect(inSchema).toEqual([...inDatabase.enumValues]);
  });

  it('says what is wrong at the JSON path of the value at fault', () => {
    expect(problemsOf({ country: { code: 'us', name: '' } })).toEqual([
      { column: '/country/code', reason: 'must be an ISO 3166-1 alpha-2 country code (two capital letters)' },
      { column: '/country/name', reason: 'must not be empty' },
    ]);
    expect(problemsOf({ actor: { key: 'a b', name: 'A', kind: 'PERSON', nickname: 'x', aliases: 'B' } })).toEqual([
      { column: '/actor/nickname', reason: 'not a field here' },
      { column: '/actor/key', reason: "must be a key: letters, digits, '.', '_' or '-', starting with a letter or digit" },
      { column: '/actor/aliases', reason: 'must be array' },
    ]);
    expect(problemsOf({ source: { key: 's' } })).toEqual([
      { column: '/source/outlet', reason: 'required' },
      { column: '/source/title', reason: 'required' },
    ]);
    expect(problemsOf({ country: { code: 'US', name: 'United States' }, actor: {} })[0]).toEqual({
      column: '/',
      reason: expect.stringMatching(/^a line is one object with exactly one member naming its kind \(dataset, country, .*, quote\)$/),
    });
    expect(problemsOf({ location: { key: 'l', name: 'L', latitude: 91, precision: 'NEAR' } })).toEqual([
      { column: '/location/latitude', reason: 'must be <= 90' },
      { column: '/location/precision', reason: expect.stringMatching(/^must be one of "EXACT", .*"INTERNATIONAL", null$/) },
    ]);
  });
});

describe('reading lines', () => {
  const lines = async (chunks: (string | Buffer)[], maxBytes?: number) => {
    const out = [];
    for await (const l of readLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), maxBytes)) out.push(l);
    return out.map(({ line, text, terminated, oversize, invalidUtf8 }) => ({ line, text, terminated, oversize, invalidUtf8 }));
  };
  const ok = { oversize: false, invalidUtf8: false };

  it('splits LF and CRLF lines across chunks, drops a BOM, and marks a last line without a break', async () => {
    expect(await lines(['\uFEFF{"a"', ':1}\r\n{"b":"é', '"}\n\n{"c"'])).toEqual([
      { line: 1, text: '{"a":1}', terminated: true, ...ok },
      { line: 2, text: '{"b":"é"}', terminated: true, ...ok },
      { line: 3, text: '', terminated: true, ...ok },
      { line: 4, text: '{"c"', terminated: false, ...ok },
    ]);
  });

  it('bounds a line’s length and tells bytes that are not UTF-8', async () => {
    const result = await lines(['x'.repeat(50), 'y'.repeat(50), '\nok\n', Buffer.from([0x7b, 0xff, 0x7d, 0x0a])], 64);
    expect(result.map((r) => [r.line, r.text.length, r.oversize, r.invalidUtf8])).toEqual([
      [1, 100, true, false],
      [2, 2, false, false],
      [3, 3, false, true],
    ]);
  });
});
