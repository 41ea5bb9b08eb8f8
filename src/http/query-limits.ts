import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../config.js';
import { QueryTooComplexError, type QueryLimit } from '../graphql/errors.js';
import { estimateQueryCost, pageSizeVariables } from './query-cost.js';

/** Page-size combinations remembered per operation (each a few bytes). */
const MAX_CACHED_COSTS = 64;

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;
type RejectCallback = NonNullable<NonNullable<ArmorConfig['maxDepth']>['onReject']>[number];

/** graphql-armor's messages start with a misleading "Syntax Error: "; clients get the rest. */
function rejectAs(limit: QueryLimit, maximum: number): RejectCallback {
  return (context, error) => {
    context?.reportError(new QueryTooComplexError(error.message.replace(/^Syntax Error: /, ''), limit, maximum));
  };
}

/** graphql-js's own token limit (Apollo passes `parseOptions` to `parse`) reports this message ("more that" sic). */
export const TOKEN_LIMIT_MESSAGE = /Document contains more th[a-z]+ (\d+) tokens/;

/** Refuses an operation whose estimated cost exceeds the limit, after validation and before execution. */
function costLimitPlugin(maxQueryCost: number): ApolloServerPlugin {
  // Apollo's document cache hands back the same operation node for the same query text, so its
  // cost is worked out once per page-size values, not walked again on every request.
  const costs = new WeakMap<OperationDefinitionNode, { variables: string[]; byPageSizes: Map<string, number> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          let known = costs.get(operation);
          // Collected only on a cache miss, and then once.
          let byName: Record<string, FragmentDefinitionNode> | undefined;
          const fragments = () => {
            if (!byName) {
              byName = {};
              for (const definition of document.definitions) {
                if (definition.kind === Kind.FRAGMENT_DEFINITION) byName[definition.name.value] = definition;
              }
            }
            return byName;
          };
          if (!known) {
            known = { variables: pageSizeVariables(operation, fragments()), byPageSizes: new Map() };
            costs.set(operation, known);
          }
          const variables: Record<string, unknown> = request.variables ?? {};
          const key = JSON.stringify(known.variables.map((name) => variables[name] ?? null));
          let cost = known.byPageSizes.get(key);
          if (cost === undefined) {
            cost = estimateQueryCost(schema, operation, fragments(), variables);
            if (known.byPageSizes.size < MAX_CACHED_COSTS) known.byPageSizes.set(key, cost);
          }
          if (cost > maxQueryCost) {
            const error = new QueryTooComplexError(
              `Query cost limit of ${maxQueryCost} exceeded, estimated ${cost}. Ask for smaller pages (first) or fewer nested lists.`,
              'cost',
              maxQueryCost,
            );
            error.extensions.cost = cost;
            throw error;
          }
        },
      };
    },
  };
}

export interface QueryLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
}

/**
 * Depth, alias and directive limits (graphql-armor validation rules), the token limit (the
 * parser stops reading), and the cost limit. All run before any resolver, so no SQL is sent.
 */
export function queryLimits(config: Config): QueryLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxQueryDepth, flattenFragments: true, propagateOnRejection: false, onReject: [rejectAs('depth', config.maxQueryDepth)] },
    maxAliases: { n: config.maxAliases, propagateOnRejection: false, onReject: [rejectAs('aliases', config.maxAliases)] },
    maxDirectives: { n: config.maxDirectives, propagateOnRejection: false, onReject: [rejectAs('directives', config.maxDirectives)] },
    // Tokens: graphql-js's own parser limit answers 400 (armor's plugin throws outside Apollo's
    // parse step and turns into a 500). Cost: ours knows page sizes and aggregates.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Field suggestions are stripped in formatError, which also covers enum and argument hints.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return {
    validationRules,
    plugins: [costLimitPlugin(config.maxQueryCost)],
    parseOptions: { maxTokens: config.maxTokens },
  };
}
