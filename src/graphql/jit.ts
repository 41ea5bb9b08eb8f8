import { execute, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';

/**
 * Executes operations with graphql-jit: each validated document is compiled once into a plain
 * JavaScript function (no per-field dispatch through graphql-js' generic executor), then run
 * for every request that sends it. Apollo keeps everything else (parsing, validation and its
 * document cache, plugins, error formatting): it hands execution to us through its gateway
 * interface, the one hook it offers for a custom executor.
 *
 * Anything graphql-jit cannot compile, and any request whose variables fail coercion, runs on
 * graphql-js instead, so clients get graphql-js' own messages (which Apollo maps to
 * BAD_USER_INPUT) whatever the engine.
 */
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

export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  // Apollo's document cache hands back the same DocumentNode for the same query text, so a
  // WeakMap keyed by it drops compiled queries when Apollo evicts their document.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  const compile = (document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
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
    const query = compile(document, request.operationName);
    if (!query) return execute(args);
    const result = await query.query(undefined, context, request.variables);
    // No data at all: the variables were refused before anything ran; let graphql-js say why.
    if (result.errors?.length && result.data === undefined) return execute(args);
    return result.errors?.length ? { ...result, errors: result.errors.map(upstreamError) } : result;
  };

  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  return {
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
}
