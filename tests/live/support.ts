import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { authConfig, type Config } from '../../src/config.js';
import { listen, startTestServer } from '../helpers/server.js';

export const SECRET = 'live-updates-test-secret-of-at-least-32-bytes';

export const token = (claims: Record<string, unknown>) =>
  new SignJWT({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));

export interface ProtocolMessage {
  type: string;
  id?: string;
  payload?: any;
}

/**
 * A graphql-ws (graphql-transport-ws) client written out by hand over `ws`, so tests see every
 * message and close code, and can stop reading (a slow consumer) or stop answering pings.
 */
export class LiveClient {
  readonly messages: ProtocolMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private listeners = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse((data as Buffer).toString('utf8')) as ProtocolMessage);
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Opens a socket and sends connection_init; resolves once the socket is open (not acknowledged: see `ack`). */
  static async open(
    url: string,
    init: Record<string, unknown> | null = {},
    options: { autoPong?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LiveClient> {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
      autoPong: options.autoPong ?? true,
      headers: options.headers,
    });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    if (init) socket.send(JSON.stringify({ type: 'connection_init', payload: init }));
    return client;
  }

  /** Opens, initialises and waits for connection_ack. */
  static async connect(url: string, init: Record<string, unknown> = {}): Promise<LiveClient> {
    const client = await LiveClient.open(url, init);
    await client.waitFor((m) => m.type === 'connection_ack');
    return client;
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  complete(id: string): void {
    this.socket.send(JSON.stringify({ id, type: 'complete' }));
  }

  /** The `next` payloads of one subscription so far. */
  results(id: string): any[] {
    return this.messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  }

  /** Resolves with the first message (already received or to come) that matches, or fails after `timeoutMs`. */
  waitFor(match: (message: ProtocolMessage) => boolean, timeoutMs = 5_000): Promise<ProtocolMessage> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 2000)}`));
      }, timeoutMs);
      const check = () => {
        const message = this.messages.find(match);
        if (!message) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(message);
      };
      this.listeners.add(check);
    });
  }

  /** Waits until the subscription has `count` results. */
  async waitForResults(id: string, count: number, timeoutMs = 5_000): Promise<any[]> {
    await this.waitFor(() => this.results(id).length >= count, timeoutMs);
    return this.results(id);
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GraphQL over HTTP with an optional bearer token. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string,
): Promise<{ status: number; body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

export const SOURCE_CREATE = `mutation ($input: SourceCreateInput!) {
  sourceCreate(input: $input) { source { id } userErrors { field message code } } }`;
export const REPORT = `mutation ($input: CasualtyReportInput!) {
  casualtyReport(input: $input) { casualty { id revision } userErrors { field message code } } }`;
export const REVISE = `mutation ($input: CasualtyReviseInput!) {
  casualtyRevise(input: $input) { casualty { id revision } userErrors { field code } } }`;

/** A source (no stored text, so any passage is accepted) and an event to report casualties against. */
export async function reportingTargets(url: string, editor: string): Promise<{ sourceId: string; eventId: string }> {
  const created = await post(url, SOURCE_CREATE, { input: { outlet: 'Wire', title: `Live ${Math.random()}` } }, editor);
  if (created.body.data?.sourceCreate?.userErrors?.length !== 0) throw new Error(JSON.stringify(created.body));
  const events = await post(url, '{ events(first: 1) { nodes { id } } }');
  return { sourceId: created.body.data.sourceCreate.source.id, eventId: events.body.data.events.nodes[0].id };
}

/** A casualtyReport input: `country` is the victims' country (what the subscription filters test by). */
export const reportInput = (targets: { sourceId: string; eventId: string }, country: string, best: number) => ({
  event: targets.eventId,
  kind: 'KILLED',
  figure: { low: best, best, high: best, qualifier: 'EXACT', wording: `${best} killed` },
  victims: 'people near the base',
  victimCountry: country,
  occurredOn: { date: '2020-01-07', precision: 'DAY' },
  citation: { source: targets.sourceId, passage: `${best} killed` },
});

/**
 * One in-process server with auth for a test file: its /graphql URL, an editor's token, targets
 * to report against, and `connect` for acknowledged sockets that `close` ends with the server.
 */
export async function liveTestServer(overrides: Partial<Config> = {}) {
  const t = await startTestServer({ auth: authConfig({ AUTH_JWT_SECRET: SECRET }, false), ...overrides });
  const url = `${await listen(t.server)}/graphql`;
  const editor = await token({ sub: 'edna', roles: ['EDITOR'] });
  const targets = await reportingTargets(url, editor);
  const clients: LiveClient[] = [];
  return {
    url,
    editor,
    targets,
    async connect(init: Record<string, unknown> = {}) {
      const client = await LiveClient.connect(url, init);
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await t.close();
    },
  };
}
