import type { Request, Response } from 'express';

/**
 * Answers outside GraphQL execution (body too large, rate limited, timed out) in the same shape
 * as GraphQL errors, so clients parse one format. The media type follows the GraphQL-over-HTTP
 * spec: `application/graphql-response+json` when the client accepts it.
 */
export function sendHttpError(
  req: Request,
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  if (res.headersSent) return;
  const type = req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json';
  res
    .status(status)
    .type(type)
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}
