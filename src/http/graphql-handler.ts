import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readJsonBody } from './body.js';

/**
 * Apollo Server on plain node:http, through `executeHTTPGraphQLRequest` (Apollo's documented
 * way to build an integration): the request's headers, query string and JSON body in, Apollo's
 * status, headers and body out. It replaces express and `@as-integrations/express5`, whose
 * routing, body parser and response helpers cost more per request than Apollo's own pipeline.
 */
export function graphqlHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: { maxBodyBytes: number; context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext> },
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  apollo.assertStarted('graphqlHandler()');
  return async (req, res) => {
    const body = await readJsonBody(req, options.maxBodyBytes);
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => options.context(req, res),
    });
    if (res.headersSent || res.destroyed) return; // the deadline answered first; the late outcome is dropped
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
