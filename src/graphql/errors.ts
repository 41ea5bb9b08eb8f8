import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can switch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** The request asked for something impossible: malformed ID, page too large, inverted range. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } });
  }
}

/** A well-formed ID that points at nothing. */
export class NotFoundError extends GraphQLError {
  constructor(typeName: string, id: string) {
    super(`No ${typeName} exists with id "${id}".`, { extensions: { code: ErrorCode.NOT_FOUND, typeName } });
  }
}
