import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected on the object reached from the current field by `path`
 * (e.g. `['nodes']` or `['edges', 'node']` under a connection), through aliases and fragments.
 * Fragments on other types and @skip/@include are counted as taken: the answer may name a field
 * that will not run, never miss one that will, which is what fetching ahead needs.
 */
export function selectedFieldNames(
  info: GraphQLResolveInfo,
  path: readonly string[] = [],
  onTypes: ReadonlySet<string> | undefined = undefined,
): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, depth: number, fragmentsSeen: Set<string>) => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1, fragmentsSeen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (depth < path.length || !selection.typeCondition || !onTypes || onTypes.has(selection.typeCondition.name.value)) {
          visit(selection.selectionSet, depth, fragmentsSeen);
        }
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || fragmentsSeen.has(fragment.name.value)) continue;
        if (depth === path.length && onTypes && !onTypes.has(fragment.typeCondition.name.value)) continue;
        visit(fragment.selectionSet, depth, new Set(fragmentsSeen).add(fragment.name.value));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return names;
}
