/**
 * The query cost model. An operation is priced before it runs, from its document and variables:
 * every field costs 1, plus its children's cost times how many times they run.
 * - A field with a `first` argument (connections, statistics groups) runs its children `first`
 *   times (DEFAULT_PAGE_SIZE when omitted): a bound the client sets, so also the worst case.
 *   The connection's `edges`/`nodes` (declared `@Cost('page')`) add no second multiplier.
 * - Any other list of objects (`event.reactions`, `reaction.quotes`, `countries`) runs them as many
 *   times as the data says: its fan-out per parent (average and maximum items), measured exactly
 *   by refreshFanout (src/graphql/fanout.ts, table relation_fanout) after every bulk load (seed,
 *   importers, the synthetic generator), read by the server at start and every FANOUT_RELOAD_SECONDS.
 *   The expected cost multiplies by the average, at least MIN_LIST_SIZE (so no list is free, an
 *   empty database included); the worst case multiplies by the maximum. A list never measured
 *   counts NESTED_LIST_SIZE for both (the old fixed guess).
 * - A statistics field (declared `@Cost('aggregate')`: GROUP BY over many rows) adds AGGREGATE_COST.
 * Fragments and @skip/@include are counted as if always taken: an upper bound, never less.
 * The server refuses an operation whose expected cost exceeds MAX_QUERY_COST, or whose worst case
 * exceeds WORST_CASE_FACTOR times it, before any SQL. The worst case multiplies maxima that rarely
 * meet (the event with the most reactions is seldom the one with the most countries), hence the
 * wide factor: it catches what is cheap on average but explodes by orders of magnitude on the
 * busiest parents. `extensions: { cost: true }` in a request returns both figures and limits.
 * E.g. 10 timeline events → reactionsByCountry → reactions → quotes: 273 expected, 5,231 at worst
 * on the seed data (the fixed guess of 10 per list made it 24,431).
 */
import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../graphql/common/paginate.js';
import { declaredCost } from '../graphql/common/projection.js';

// The resolvers' default page size is what a connection without `first` really returns.
export { DEFAULT_PAGE_SIZE };

export const NESTED_LIST_SIZE = 10;
export const MIN_LIST_SIZE = 1;
export const AGGREGATE_COST = 100;
export const WORST_CASE_FACTOR = 100;

/** A nested list's measured size per parent. */
export interface ListFanout {
  average: number;
  max: number;
}

/** The fan-out of the list at a schema coordinate (`Event.reactions`), if measured. */
export type FanoutOf = (coordinate: string) => ListFanout | undefined;

/** The expected cost (from average list sizes) and the worst case (from the largest). */
export interface QueryCost {
  estimated: number;
  worstCase: number;
}

/** The page size a field asks for: its `first` argument, literal or variable, else the default. */
function requestedPageSize(field: FieldNode, variables: Record<string, unknown>): number {
  const argument = field.arguments?.find((arg) => arg.name.value === 'first');
  if (!argument) return DEFAULT_PAGE_SIZE;
  const value =
    argument.value.kind === Kind.VARIABLE
      ? variables[argument.value.name.value]
      : argument.value.kind === Kind.INT
        ? Number(argument.value.value)
        : undefined;
  // Anything else (null, a negative number) is left to the resolvers to reject or default.
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_PAGE_SIZE;
}

const ZERO: QueryCost = { estimated: 0, worstCase: 0 };
const add = (a: QueryCost, b: QueryCost): QueryCost => ({ estimated: a.estimated + b.estimated, worstCase: a.worstCase + b.worstCase });

/** Estimated cost of one operation, computed from the validated document before anything executes. */
export function estimateQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
  fanoutOf: FanoutOf = () => undefined,
): QueryCost {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return ZERO;

  const selectionSetCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, visiting: Set<string>): QueryCost => {
    let total = ZERO;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total = add(total, fieldCost(selection, parentType, visiting));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (condition && isCompositeType(condition)) total = add(total, selectionSetCost(selection.selectionSet, condition, visiting));
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || visiting.has(fragment.name.value)) continue; // validation already rejects cycles
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) {
          total = add(total, selectionSetCost(fragment.selectionSet, condition, new Set(visiting).add(fragment.name.value)));
        }
      }
    }
    return total;
  };

  /** How many times a field runs its children: expected and at worst. */
  const multipliers = (
    field: FieldNode,
    definition: GraphQLField<unknown, unknown>,
    parentType: GraphQLCompositeType,
  ): [number, number] => {
    if (definition.args.some((arg) => arg.name === 'first')) {
      const size = requestedPageSize(field, variables);
      return [size, size];
    }
    const declared = declaredCost(definition);
    if (!isListType(getNullableType(definition.type)) || declared === 'page' || declared === 'bounded') return [1, 1];
    const fanout = fanoutOf(`${parentType.name}.${definition.name}`);
    if (!fanout) return [NESTED_LIST_SIZE, NESTED_LIST_SIZE];
    const expected = Math.max(fanout.average, MIN_LIST_SIZE);
    return [expected, Math.max(fanout.max, expected)];
  };

  const fieldCost = (field: FieldNode, parentType: GraphQLCompositeType, visiting: Set<string>): QueryCost => {
    if (field.name.value.startsWith('__')) return ZERO; // __typename and introspection: bounded by the depth limit
    const definition = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
    if (!definition) return { estimated: 1, worstCase: 1 };
    const namedType = getNamedType(definition.type);
    const [expected, worst] = multipliers(field, definition, parentType);
    const children = field.selectionSet && isCompositeType(namedType) ? selectionSetCost(field.selectionSet, namedType, visiting) : ZERO;
    const own = 1 + (declaredCost(definition) === 'aggregate' ? AGGREGATE_COST : 0);
    return { estimated: own + expected * children.estimated, worstCase: own + worst * children.worstCase };
  };

  const total = selectionSetCost(operation.selectionSet, rootType, new Set());
  // Averages make fractions; a client reads whole numbers, rounded up so the estimate never flatters.
  const roundUp = (n: number) => Math.max(0, Math.ceil(n - 1e-9));
  return { estimated: roundUp(total.estimated), worstCase: roundUp(total.worstCase) };
}

/**
 * The variables an operation's cost depends on: those passed as `first` anywhere in it (its
 * fragments included). Everything else about the cost is fixed by the document.
 */
export function pageSizeVariables(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): string[] {
  const names = new Set<string>();
  const visitSelections = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (argument.name.value === 'first' && argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        }
        if (selection.selectionSet) visitSelections(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visitSelections(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        visitSelections(fragments[selection.name.value]!.selectionSet, new Set(seen).add(selection.name.value));
      }
    }
  };
  visitSelections(operation.selectionSet, new Set());
  return [...names].sort();
}
