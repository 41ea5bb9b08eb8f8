import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';

const ERROR_TYPES = ['application/graphql-response+json', 'application/json'];

/** The first of `types` the request's Accept header prefers (the first of them without one). */
export function preferredType(req: IncomingMessage, types: string[]): string | undefined {
  return new Negotiator(req).mediaType(types);
}

/** Writes a complete answer with its length (no chunked encoding), unless one was sent already. */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

/**
 * Answers outside GraphQL execution (body too large, rate limited, timed out) in the same shape
 * as GraphQL errors, so clients parse one format. The media type follows the GraphQL-over-HTTP
 * spec: `application/graphql-response+json` when the client accepts it.
 */
export function sendHttpError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  const type = preferredType(req, ERROR_TYPES) ?? 'application/json';
  send(res, status, type, JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

/** A request refused before GraphQL sees it; the server answers it with sendHttpError. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
