import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../config.js';
import { QueryTooComplexError, type QueryLimit } from '../graphql/errors.js';
import { estimateQueryCost, pageSizeVariables, WORST_CASE_FACTOR, type QueryCost } from './query-cost.js';
import { FanoutStatistics } from '../graphql/fanout.js';

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

/** What a client that sends `extensions: { cost: true }` reads in the response's `extensions.cost`. */
export interface CostReport {
  /** Expected cost, from the nested lists' average sizes. */
  estimated: number;
  /** MAX_QUERY_COST: the most `estimated` may be. */
  limit: number;
  /** Cost if every nested list were as long as its longest. */
  worstCase: number;
  /** The most `worstCase` may be (WORST_CASE_FACTOR × MAX_QUERY_COST). */
  worstCaseLimit: number;
}

/** Throws QueryTooComplexError when an operation's estimated (or worst-case) cost exceeds the limit. */
export function assertWithinCost(cost: QueryCost, maxQueryCost: number): void {
  const worstCaseLimit = maxQueryCost * WORST_CASE_FACTOR;
  if (cost.estimated > maxQueryCost) {
    const error = new QueryTooComplexError(
      `Query cost limit of ${maxQueryCost} exceeded, estimated ${cost.estimated}. ` +
        'Ask for smaller pages (first) or fewer nested lists.',
      'cost',
      maxQueryCost,
    );
    // `cost` is what clients read before `estimated` existed; both hold the estimate.
    Object.assign(error.extensions, { estimated: cost.estimated, cost: cost.estimated });
    throw error;
  }
  if (cost.worstCase > worstCaseLimit) {
    const error = new QueryTooComplexError(
      `Query worst-case cost limit of ${worstCaseLimit} exceeded, estimated ${cost.worstCase} if every nested list were as long ` +
        `as its longest (expected ${cost.estimated}). Ask for smaller pages (first) or fewer nested lists.`,
      'worstCaseCost',
      worstCaseLimit,
    );
    Object.assign(error.extensions, { estimated: cost.worstCase });
    throw error;
  }
}

/** Refuses an operation whose estimated (or worst-case) cost exceeds the limit, after validation and before execution. */
function costLimitPlugin(maxQueryCost: number, fanout: FanoutStatistics): ApolloServerPlugin {
  const worstCaseLimit = maxQueryCost * WORST_CASE_FACTOR;
  // Apollo's document cache hands back the same operation node for the same query text, so its
  // cost is worked out once per page-size values (and list measurements), not walked again on every request.
  const costs = new WeakMap<OperationDefinitionNode, { variables: string[]; version: number; byPageSizes: Map<string, QueryCost> }>();
  return {
    async requestDidStart({ request }) {
      let report: CostReport | undefined;
      const wantsReport = (request.extensions as { cost?: unknown } | undefined)?.cost === true;
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
            known = { variables: pageSizeVariables(operation, fragments()), version: fanout.version, byPageSizes: new Map() };
            costs.set(operation, known);
          } else if (known.version !== fanout.version) {
            known.version = fanout.version;
            known.byPageSizes.clear();
          }
          const variables: Record<string, unknown> = request.variables ?? {};
          const key = JSON.stringify(known.variables.map((name) => variables[name] ?? null));
          let cost = known.byPageSizes.get(key);
          if (cost === undefined) {
            cost = estimateQueryCost(schema, operation, fragments(), variables, fanout.of);
            if (known.byPageSizes.size < MAX_CACHED_COSTS) known.byPageSizes.set(key, cost);
          }
          report = { estimated: cost.estimated, limit: maxQueryCost, worstCase: cost.worstCase, worstCaseLimit };
          assertWithinCost(cost, maxQueryCost);
        },
        async willSendResponse({ response }) {
          if (!wantsReport || !report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
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
export function queryLimits(config: Config, fanout: FanoutStatistics = new FanoutStatistics()): QueryLimits {
  const armor = new ApolloArmor({
    maxDepth: {
      n: config.maxQueryDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [rejectAs('depth', config.maxQueryDepth)],
    },
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
    plugins: [costLimitPlugin(config.maxQueryCost, fanout)],
    parseOptions: { maxTokens: config.maxTokens },
  };
}
