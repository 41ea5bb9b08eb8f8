import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';

/**
 * graphql-jit reports field errors with its own lookalike of GraphQLError, which leaves
 * `extensions` undefined when the thrown error has none; Apollo (and formatError) read
 * `extensions.code` and `originalError` as graphql-js sets them. Rebuilt the way graphql-js'
 * locatedError does: same message, path and locations, the thrown error as originalError and
 * its extensions.
 */
function upstreamError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
    extensions: error.extensions ?? (original as { extensions?: Record<string, unknown> } | undefined)?.extensions,
  });
  // graphql-jit already resolved the locations; graphql-js would compute them from the nodes.
  if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}

export interface JitExecution {
  /** For `new ApolloServer({ gateway })`: serves the schema and executes what reaches execution. */
  gateway: GatewayInterface;
  /** Answers error-free operations before Apollo's own execution step (see below). */
  plugin: ApolloServerPlugin;
}

/**
 * Executes operations with graphql-jit: each validated document is compiled once into a plain
 * JavaScript function, then run for every request that sends it. Apollo keeps parsing,
 * validation, its document cache and error formatting.
 *
 * Two hooks, because Apollo offers no executor option:
 * - the plugin's `responseForOperation` runs the compiled query and, when it has no errors,
 *   answers with it: cheaper than the gateway path's per-request bookkeeping (bench/README.md).
 *   Apollo then skips its execution phase, so no plugin's `executionDidStart` (nor
 *   `willResolveField`) runs for these operations; the request-level hooks still do;
 * - a result with errors is handed, unexecuted again, to the gateway executor, so Apollo formats
 *   the errors, sets their HTTP status and tells the plugins, as for its own executor.
 *
 * Anything graphql-jit cannot compile, and any request whose variables fail coercion, runs on
 * graphql-js instead, so clients get graphql-js' own messages whatever the engine.
 */
export function jitExecution(schema: GraphQLSchema): JitExecution {
  // Apollo's document cache hands back the same DocumentNode for the same query text, so a
  // WeakMap keyed by it drops compiled queries when Apollo evicts their document.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  // Results with errors, from the plugin to the executor, by the request's context object.
  const withErrors = new WeakMap<object, ExecutionResult>();

  const compile = (document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map<string, CompiledQuery | null>()));
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      query = isCompiledQuery(result) ? result : null;
      byOperation.set(key, query);
    }
    return query;
  };

  const executor: GatewayExecutor = async ({ document, request, context }) => {
    const args = { schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName };
    let result = withErrors.get(context);
    if (result) {
      withErrors.delete(context);
    } else {
      const query = compile(document, request.operationName);
      if (!query) return execute(args);
      result = await query.query(undefined, context, request.variables);
    }
    // No data at all: the variables were refused before anything ran; let graphql-js say why.
    if (result.errors?.length && result.data === undefined) return execute(args);
    return result.errors?.length ? { ...result, errors: result.errors.map(upstreamError) } : result;
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, contextValue }) {
          if (!operation) return null; // Apollo reports the missing or ambiguous operation
          const query = compile(document, request.operationName);
          if (!query) return null;
          const result = await query.query(undefined, contextValue, request.variables);
          if (result.errors?.length) {
            withErrors.set(contextValue, result);
            return null;
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } };
        },
      };
    },
  };

  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
  return { gateway, plugin };
}
