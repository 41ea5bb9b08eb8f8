import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { GraphQLFormattedError } from 'graphql';
import { loadConfig, type Config } from '../../src/config.js';
import type { Viewer } from '../../src/auth/roles.js';
import { createServer, type NewsgraphServer } from '../../src/server.js';
import { createSeededDatabase, type TestDatabase } from './database.js';

export interface GraphQLResult<Data = any> {
  data?: Data | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface TestServer {
  server: NewsgraphServer;
  database: TestDatabase;
  config: Config;
  /** Runs an operation through Apollo (parse, validate, execute, format) with a fresh context, anonymous unless a viewer is given. */
  query<Data = any>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResult<Data>>;
  /** Statements the database has received so far. */
  statements(): number;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Where the server logs (silent by default); tests pass one to read the records. */
  logger?: Logger;
}

export async function startTestServer(overrides: Partial<Config> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createSeededDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
  const server = await createServer(database.handle, config, options.logger ?? pino({ level: 'silent' }));
  return {
    server,
    database,
    config,
    async query(query, variables, viewer) {
      const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.context(viewer) });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as GraphQLResult;
    },
    statements: () => database.handle.statementCount,
    async close() {
      await server.stop();
      await database.drop();
    },
  };
}

/** Fails with the server's errors in the message, so a broken query reads clearly in test output. */
export function dataOf<Data>(result: GraphQLResult<Data>): Data {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  if (!result.data) throw new Error('no data');
  return result.data;
}

/** Listens on a free loopback port and returns the base URL (`http://127.0.0.1:<port>`). */
export async function listen(server: NewsgraphServer): Promise<string> {
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
}
