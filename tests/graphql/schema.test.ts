import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  Kind,
  OperationTypeNode,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { getSchema } from '../../src/graphql/schema.js';
import { emittedSchema, schemaFile } from '../../src/graphql/emit-schema.js';
import { pino } from 'pino';
import { createContext } from '../../src/graphql/context.js';
import { Role, type Viewer } from '../../src/auth/roles.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let schema: GraphQLSchema;
let t: TestServer;
beforeAll(async () => {
  schema = await getSchema();
  t = await startTestServer();
});
afterAll(() => t?.close());

/** Every type, field, argument and enum value a user can see in Sandbox, by path. */
function undocumented(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (path: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(path);
  };
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run schema:emit` after API changes)', async () => {
    expect(await emittedSchema()).toBe(await readFile(schemaFile, 'utf8'));
  });

  it('describes every type, field, argument and enum value', () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('has Node implemented by every fetchable type', () => {
    const implementations = schema
      .getPossibleTypes(schema.getType('Node') as never)
      .map((type) => type.name)
      .sort();
    expect(implementations).toEqual(['Actor', 'Casualty', 'Dataset', 'Deployment', 'Event', 'Quote', 'Reaction', 'Source']);
  });
});

describe('examples.graphql', () => {
  it('runs every example operation without errors and with data', async () => {
    const source = await readFile(new URL('../../examples.graphql', import.meta.url), 'utf8');
    const operations = parse(source).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [{ name: d.name.value, write: d.operation === OperationTypeNode.MUTATION }] : [],
    );
    expect(operations.length).toBeGreaterThanOrEqual(6);
    expect(operations.some((o) => o.write)).toBe(true);
    const editor: Viewer = { kind: 'user', subject: 'examples', roles: new Set([Role.EDITOR]) };
    for (const { name: operationName, write } of operations) {
      // Writes run as an editor would send them, with a token.
      const contextValue = write
        ? createContext(t.database.handle.db, t.config, pino({ level: 'silent' }), 'examples', editor)
        : t.server.context();
      const response = await t.server.apollo.executeOperation({ query: source, operationName }, { contextValue });
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const data = dataOf<Record<string, any>>(body as never);
      const [root] = Object.values(data);
      if (write) {
        expect(root.userErrors, operationName).toEqual([]);
        expect(Object.values(root).filter((value) => value !== null).length, operationName).toBe(2);
        continue;
      }
      const items = root.nodes ?? root.edges ?? root.groups?.nodes ?? root.points;
      expect(items.length, operationName).toBeGreaterThan(0);
    }
  });
});
