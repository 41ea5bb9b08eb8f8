import { SignJWT } from 'jose';
import { sql } from 'drizzle-orm';
import { authConfig } from '../../src/config.js';
import { queryRows } from '../../src/db/client.js';
import { listen, startTestServer, type TestServer } from './server.js';

/** An HTTP answer: the status and the GraphQL body. */
export interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

export interface EditingServer {
  t: TestServer;
  /** The source created at start (`startEditingServer({ source })`), whose text facts can cite. */
  sourceId: string;
  /** The GraphQL endpoint. */
  url: string;
  /** Tokens of an editor (`edna`), an admin (`ada`), a reader without a role (`rita`), and an expired editor's. */
  tokens: { editor: string; admin: string; reader: string; expired: string };
  /** POSTs an operation over real HTTP, with a bearer token when given. */
  post: (query: string, variables?: Record<string, unknown>, bearer?: string) => Promise<Answer>;
  /** An editor's `sourceCreate` with the article's full text: the Source ID. */
  createSource: (title: string, fullText: string) => Promise<string>;
  /**
   * An editor's (or the given bearer's) mutation `name(input: $input)` of input type `type`,
   * selecting the written object's `id` as `node`: that ID, failing the test on any userError.
   */
  write: (name: string, type: string, node: string, input: Record<string, unknown>, bearer?: string) => Promise<string>;
  /** `count(*)` of a statement's rows, for checking what a write left in the database. */
  count: (query: ReturnType<typeof sql>) => Promise<number>;
  close: () => Promise<void>;
}

const secret = 'editing-test-secret-of-at-least-32-bytes';
export const signToken = (claims: Record<string, unknown>) =>
  new SignJWT({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));

/**
 * A server that verifies development tokens, listening on a free port, as editors' clients reach
 * it; with `source: [title, fullText]`, an editor's source to cite is created first.
 */
export async function startEditingServer({ source }: { source?: [title: string, fullText: string] } = {}): Promise<EditingServer> {
  const t = await startTestServer({ auth: authConfig({ AUTH_JWT_SECRET: secret }, false) });
  const url = `${await listen(t.server)}/graphql`;
  const tokens = {
    editor: await signToken({ sub: 'edna', roles: ['EDITOR'] }),
    admin: await signToken({ sub: 'ada', roles: ['ADMIN'] }),
    reader: await signToken({ sub: 'rita' }),
    expired: await signToken({ sub: 'edna', roles: ['EDITOR'], exp: Math.floor(Date.now() / 1000) - 3600 }),
  };
  const post: EditingServer['post'] = async (query, variables = {}, bearer) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const write: EditingServer['write'] = async (name, type, node, input, bearer = tokens.editor) => {
    const answer = await post(
      `mutation ($input: ${type}!) { ${name}(input: $input) { ${node} { id } userErrors { field code } } }`,
      {
        input,
      },
      bearer,
    );
    const payload = answer.body.data?.[name] as { userErrors: unknown[] } & Record<string, { id: string } | null>;
    if (!payload || payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(answer.body)}`);
    return payload[node]!.id;
  };
  const createSource: EditingServer['createSource'] = (title, fullText) =>
    write('sourceCreate', 'SourceCreateInput', 'source', { outlet: 'Wire', title, fullText });
  return {
    t,
    url,
    tokens,
    sourceId: source ? await createSource(...source) : '',
    post,
    write,
    createSource,
    async count(query) {
      return (await queryRows<{ n: number }>(t.database.handle.db, sql`SELECT count(*)::int AS n FROM (${query}) AS counted`))[0]!.n;
    },
    close: () => t.close(),
  };
}

/** `field.path CODE` per userError, for compact assertions. */
export const codesOf = (errors: { field: string[]; code: string }[]) => errors.map((e) => `${e.field.join('.')} ${e.code}`);
