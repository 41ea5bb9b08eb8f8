import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../graphql/context.js';
import { classifyDatabaseFault, ErrorCode, QueryTooComplexError } from '../graphql/errors.js';

/** True for errors the client caused and was told about in full (bad input, limits, not found). */
export function isUserError(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  const code = error.extensions?.code;
  return original instanceof GraphQLError && typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * One structured log record per GraphQL request (request id, operation name, duration, status,
 * error codes), plus one record per unexpected error with its stack and cause. These details
 * go to the log only: formatError decides what the client sees.
 */
export function loggingPlugin(serverLogger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      const errorCodes: string[] = [];
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const fault = classifyDatabaseFault(unwrapResolverError(error));
            if (fault) {
              errorCodes.push(fault);
              contextValue.logger.warn({ operationName, code: fault, path: error.path, err: unwrapResolverError(error) }, 'database fault');
            } else if (error.originalError instanceof QueryTooComplexError) {
              errorCodes.push(ErrorCode.QUERY_TOO_COMPLEX); // Apollo files it under GRAPHQL_VALIDATION_FAILED
            } else if (isUserError(error)) {
              errorCodes.push(String(error.extensions.code));
            } else {
              errorCodes.push(ErrorCode.INTERNAL_SERVER_ERROR);
              contextValue.logger.error(
                { operationName, path: error.path, err: unwrapResolverError(error) },
                'unexpected error while executing a GraphQL operation',
              );
            }
          }
        },
        async willSendResponse({ operationName, response }) {
          // The request's own logger (with its id) is only made when there is a line to write.
          if (!serverLogger.isLevelEnabled('info')) return;
          contextValue.logger.info(
            {
              operationName,
              status: response.http.status ?? 200,
              durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
              ...(errorCodes.length ? { errors: errorCodes } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
