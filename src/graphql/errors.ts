import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values clients can switch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The operation is too deep, too wide or too expensive; `extensions.limit` says which limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The database cancelled a statement that ran past PG_STATEMENT_TIMEOUT_MS, or the request ran past REQUEST_TIMEOUT_MS. */
  TIMEOUT: 'TIMEOUT',
  /** The database could not be reached; retrying later may succeed. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Too many requests from this client; `Retry-After` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request body is larger than MAX_BODY_BYTES. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The HTTP request itself is malformed (e.g. a body that is not JSON). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A browser preflight from an origin outside CORS_ORIGINS (and, outside production, not a local page). */
  CORS_ORIGIN_NOT_ALLOWED: 'CORS_ORIGIN_NOT_ALLOWED',
  /** No valid bearer token where one is needed (HTTP 401); a sent token that fails verification is this too. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The token is valid but lacks the role the field needs (HTTP 403); `extensions.requiredRoles` names it. */
  FORBIDDEN: 'FORBIDDEN',
  /** A WebSocket already runs LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION operations; `extensions.maximum` says how many. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
} as const;

/** No token, or one that cannot be trusted; why is logged, never told (it would help forgers). */
export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in: send a valid bearer token in the Authorization header.') {
    super(message, {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
    });
  }
}

/** A valid token without the role a field needs. */
export class ForbiddenError extends GraphQLError {
  constructor(requiredRoles: readonly string[]) {
    super(`This needs the ${requiredRoles.join(' or ')} role.`, {
      extensions: { code: ErrorCode.FORBIDDEN, requiredRoles: [...requiredRoles], http: { status: 403 } },
    });
  }
}

/** The request asked for something impossible: malformed ID, page too large, inverted range. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}), ...details } });
  }
}

export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'worstCaseCost';

/** An operation refused before execution because it exceeds one of the configured query limits. */
export class QueryTooComplexError extends GraphQLError {
  constructor(message: string, limit: QueryLimit, maximum: number) {
    super(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, maximum, http: { status: 400 } } });
  }
}

/** Postgres SQLSTATE codes (https://www.postgresql.org/docs/15/errcodes-appendix.html) we translate. */
const QUERY_CANCELED = '57014';
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']); // admin/crash shutdown, starting up, too many connections
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a dropped socket or a pool connect timeout only through its message.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

export type DatabaseFault = typeof ErrorCode.TIMEOUT | typeof ErrorCode.DATABASE_UNAVAILABLE;

/**
 * Recognises database faults clients should hear about (as opposed to bugs): a statement
 * cancelled by statement_timeout, or a database that is down or restarting. Drizzle wraps the
 * driver's error, so the whole `cause` chain is inspected.
 */
export function classifyDatabaseFault(error: unknown): DatabaseFault | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === QUERY_CANCELED) return ErrorCode.TIMEOUT;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code) || code.startsWith('08'))) {
      return ErrorCode.DATABASE_UNAVAILABLE;
    }
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(current.message))) return ErrorCode.DATABASE_UNAVAILABLE;
    if (
      current instanceof AggregateError &&
      current.errors.some((inner) => classifyDatabaseFault(inner) === ErrorCode.DATABASE_UNAVAILABLE)
    ) {
      return ErrorCode.DATABASE_UNAVAILABLE;
    }
  }
  return undefined;
}

/** What clients read for each database fault: what happened and what to do, never the SQL. */
export const databaseFaultMessage: Record<DatabaseFault, string> = {
  TIMEOUT: 'The query took too long and was cancelled. Ask for fewer items or narrow the filter.',
  DATABASE_UNAVAILABLE: 'The database is temporarily unavailable. Retry in a few seconds.',
};
