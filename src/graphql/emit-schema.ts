import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitSchemaDefinitionFile } from 'type-graphql';
import { getSchema } from './schema.js';

/** The committed SDL: the API's review artefact, checked against the code in tests and CI. */
export const schemaFile = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** The SDL type-graphql emits for the current code, as it would be written to schema.graphql. */
export async function emittedSchema(): Promise<string> {
  const path = join(tmpdir(), `newsgraph-schema-${process.pid}-${Date.now()}.graphql`);
  await emitSchemaDefinitionFile(path, await getSchema());
  try {
    return await readFile(path, 'utf8');
  } finally {
    await rm(path, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await emitSchemaDefinitionFile(schemaFile, await getSchema());
  console.log(`wrote ${schemaFile}`);
}
