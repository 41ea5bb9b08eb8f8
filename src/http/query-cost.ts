import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../graphql/common/paginate.js';

// The resolvers' default page size is what a connection without `first` really returns.
export { DEFAULT_PAGE_SIZE };

/**
 * Cost weights. A field costs 1 plus its children times how many times they run:
 * - a field with a `first` argument runs its children `first` times (20 when omitted, the
 *   resolvers' default page size), so a connection's price grows with the page it asks for;
 * - the list fields of a connection (`edges`, `nodes`) add nothing more: the page size counted;
 * - any other list field (`event.casualties`) has no `first`, so it counts as NESTED_LIST_SIZE items;
 * - an aggregate (GROUP BY over many rows) adds AGGREGATE_COST on top.
 * Fragments and @skip/@include are counted as if always taken: an upper bound, never less.
 */
export const NESTED_LIST_SIZE = 10;
export const AGGREGATE_COST = 100;
const AGGREGATE_FIELDS = new Set(['casualtyStats', 'troopStats', 'casualtySeries']);

function isAggregate(field: FieldNode, returnTypeName: string): boolean {
  return AGGREGATE_FIELDS.has(field.name.value) || returnTypeName.endsWith('Stats') || returnTypeName.endsWith('Series');
}

/** The page size a field asks for: its `first` argument, literal or variable, else the default. */
function requestedPageSize(field: FieldNode, variables: Record<string, unknown>): number {
  const argument = field.arguments?.find((arg) => arg.name.value === 'first');
  if (!argument) return DEFAULT_PAGE_SIZE;
  const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
  // Anything else (null, a negative number) is left to the resolvers to reject or default.
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_PAGE_SIZE;
}

/** Estimated cost of one operation, computed from the validated document before anything executes. */
export function estimateQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): number {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;

  const selectionSetCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (condition && isCompositeType(condition)) total += selectionSetCost(selection.selectionSet, condition, visiting);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || visiting.has(fragment.name.value)) continue; // validation already rejects cycles
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) {
          total += selectionSetCost(fragment.selectionSet, condition, new Set(visiting).add(fragment.name.value));
        }
      }
    }
    return total;
  };

  const fieldCost = (field: FieldNode, parentType: GraphQLCompositeType, visiting: Set<string>): number => {
    if (field.name.value.startsWith('__')) return 0; // __typename and introspection: bounded by the depth limit
    const definition = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[field.name.value] : undefined;
    if (!definition) return 1;
    const namedType = getNamedType(definition.type);
    let multiplier = 1;
    if (definition.args.some((arg) => arg.name === 'first')) {
      multiplier = requestedPageSize(field, variables);
    } else if (isListType(getNullableType(definition.type)) && !parentType.name.endsWith('Connection')) {
      multiplier = NESTED_LIST_SIZE;
    }
    const childCost = field.selectionSet && isCompositeType(namedType) ? selectionSetCost(field.selectionSet, namedType, visiting) : 0;
    return 1 + (isAggregate(field, namedType.name) ? AGGREGATE_COST : 0) + multiplier * childCost;
  };

  return selectionSetCost(operation.selectionSet, rootType, new Set());
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
