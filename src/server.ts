import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { getSchema } from './graphql/schema.js';
import { createContext, type Context } from './graphql/context.js';
import { ErrorCode } from './graphql/errors.js';

const examplesFile = new URL('../examples.graphql', import.meta.url);

/** Turns class-validator's nested report into one readable sentence per broken constraint. */
function validationMessage(error: ArgumentValidationError): string {
  const lines: string[] = [];
  const walk = (errors: typeof error.extensions.validationErrors | undefined, path: string) => {
    for (const e of errors ?? []) {
      const at = path ? `${path}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) lines.push(`${at}: ${message}`);
      walk(e.children, at);
    }
  };
  walk(error.extensions.validationErrors, '');
  return lines.length ? `Invalid argument: ${lines.join('; ')}.` : error.message;
}

/**
 * What clients see of an error: user errors keep their message and code; anything unexpected
 * is logged in full and reaches the client as a bare INTERNAL_SERVER_ERROR (never a stack or SQL).
 */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      return { message: validationMessage(original), path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && (original instanceof GraphQLError || !(original instanceof Error))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while executing a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

export interface NewsgraphServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Per-request context for in-process operations (`apollo.executeOperation`). */
  context(): Context;
  stop(): Promise<void>;
}

/** Builds the Apollo + express app over an open database; no globals, so tests build many. */
export async function createServer(handle: DatabaseHandle, config: Config, logger: Logger): Promise<NewsgraphServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const examples = readFileSync(examplesFile, 'utf8');
  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    config.sandbox
      ? ApolloServerPluginLandingPageLocalDefault({ embed: true, document: examples, includeCookies: false })
      : ApolloServerPluginLandingPageDisabled(),
  ];
  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    plugins,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = req.header('x-request-id') || randomUUID();
        return createContext(handle.db, config, logger.child({ requestId }), requestId);
      },
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    context: () => createContext(handle.db, config, logger, randomUUID()),
    stop: () => apollo.stop(),
  };
}
