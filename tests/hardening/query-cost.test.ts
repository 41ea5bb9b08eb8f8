import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildSchema,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AGGREGATE_COST, DEFAULT_PAGE_SIZE, estimateQueryCost, NESTED_LIST_SIZE } from '../../src/http/query-cost.js';
import { getSchema } from '../../src/graphql/schema.js';
import { loadConfig } from '../../src/config.js';

// A small schema of the same shapes as newsgraph's, so the weights are checked independently of it.
const schema = buildSchema(`
  type Query {
    events(first: Int): EventConnection!
    casualtyStats(groupBy: String): CasualtyStats!
    casualtySeries: CasualtySeries!
    troopStats: TroopTotals!
    event: Event
  }
  type EventConnection { nodes: [Event!]! edges: [EventEdge!]! totalCount: Int! }
  type EventEdge { node: Event! cursor: String! }
  type Event { title: String! casualties: [Casualty!]! }
  type Casualty { victims: String! }
  type CasualtyStats { total: Int! groups: [Group!]! }
  type CasualtySeries { points: [Int!]! }
  type TroopTotals { total: Int! }
  type Group { key: String! total: Int! }
`);
// What newsgraph's fields declare with @Cost (src/graphql/common/projection.ts), set on the small schema's.
const declare = (type: string, field: string, cost: 'page' | 'aggregate') =>
  Object.assign((schema.getType(type) as GraphQLObjectType).getFields()[field]!, { extensions: { cost } });
declare('EventConnection', 'nodes', 'page');
declare('EventConnection', 'edges', 'page');
for (const field of ['casualtyStats', 'casualtySeries', 'troopStats']) declare('Query', field, 'aggregate');

function cost(document: string, variables: Record<string, unknown> = {}, onSchema: GraphQLSchema = schema): number {
  const parsed = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of parsed.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return estimateQueryCost(onSchema, operation, fragments, variables).estimated;
}

describe('query cost estimate', () => {
  it('charges a connection its page size: `first`, from a literal or a variable, else the default', () => {
    expect(cost(`{ events(first: 5) { nodes { title } } }`)).toBe(1 + 5 * (1 + 1));
    expect(cost(`query Q($n: Int) { events(first: $n) { nodes { title } } }`, { n: 50 })).toBe(1 + 50 * 2);
    expect(cost(`{ events { nodes { title } } }`)).toBe(1 + DEFAULT_PAGE_SIZE * 2);
  });

  it('charges a nested list never measured (no fan-out known) a fixed multiplier, and nests multiplicatively', () => {
    expect(cost(`{ event { casualties { victims } } }`)).toBe(1 + (1 + NESTED_LIST_SIZE * 1));
    expect(cost(`{ events(first: 10) { edges { node { casualties { victims } } } } }`)).toBe(1 + 10 * (1 + (1 + (1 + NESTED_LIST_SIZE))));
  });

  it('charges aggregates extra: the fields declared @Cost("aggregate")', () => {
    expect(cost(`{ casualtyStats { total } }`)).toBe(1 + AGGREGATE_COST + 1);
    expect(cost(`{ casualtySeries { points } }`)).toBe(1 + AGGREGATE_COST + 1);
    expect(cost(`{ troopStats { total } }`)).toBe(1 + AGGREGATE_COST + 1);
    expect(cost(`{ casualtyStats { groups { key } } }`)).toBe(1 + AGGREGATE_COST + (1 + NESTED_LIST_SIZE));
  });

  it('counts fragments (named and inline) as if always taken', () => {
    expect(cost(`{ events(first: 2) { nodes { ...T ... on Event { title } } } } fragment T on Event { title }`)).toBe(1 + 2 * (1 + 2));
  });

  it('leaves __typename free', () => {
    expect(cost(`{ __typename events(first: 1) { __typename } }`)).toBe(1);
  });

  it('every operation in examples.graphql fits the default limits', async () => {
    const live = await getSchema();
    const { maxQueryCost } = loadConfig({});
    const examples = parse(readFileSync(new URL('../../examples.graphql', import.meta.url), 'utf8'));
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of examples.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    for (const definition of examples.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      expect(estimateQueryCost(live, definition, fragments, {}).estimated, definition.name?.value).toBeLessThanOrEqual(maxQueryCost / 4);
    }
  });
});
