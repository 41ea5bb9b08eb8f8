import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import { authConfig, loadConfig, type Config } from '../../src/config.js';
import { queryRows } from '../../src/db/client.js';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';
import { LiveClient, SECRET, sleep, token } from './support.js';

/*
 * Authentication in connection_init (4401, 4403) and each limit of the WebSocket endpoint:
 * subscriptions per connection, sockets per client address, message size, ping/pong, and a
 * slow consumer disconnected instead of buffering without bound.
 */
const servers: TestServer[] = [];
const clients: LiveClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers) await server.close();
});

async function serve(overrides: Partial<Config> = {}, live: Partial<Config['live']> = {}, logs?: string[]) {
  const logger = logs
    ? pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logs.push(chunk.toString('utf8'));
            done();
          },
        }),
      )
    : undefined;
  const defaults = loadConfig({ NODE_ENV: 'test' }).live;
  const t = await startTestServer(
    { auth: authConfig({ AUTH_JWT_SECRET: SECRET }, false), ...overrides, live: { ...defaults, ...live } },
    logger ? { logger } : {},
  );
  servers.push(t);
  return { t, url: `${await listen(t.server)}/graphql` };
}
const open = async (url: string, init: Record<string, unknown> | null = {}, options: { autoPong?: boolean } = {}) => {
  const client = await LiveClient.open(url, init, options);
  clients.push(client);
  return client;
};

const PROGRESS = 'subscription { importProgress { rows finished } }';

describe('authentication in connection_init', () => {
  it('with READ_REQUIRES_AUTH: no token or a forged one closes the socket with 4401; a valid one is acknowledged', async () => {
    const { url } = await serve({ readRequiresAuth: true });
    expect(await (await open(url, {})).closed).toEqual({ code: 4401, reason: 'Unauthorized' });
    const reader = await token({ sub: 'rita' });
    expect((await (await open(url, { authorization: `Bearer ${reader.slice(0, -4)}AAAA` })).closed).code).toBe(4401);
    const accepted = await open(url, { authorization: `Bearer ${reader}` });
    await accepted.waitFor((m) => m.type === 'connection_ack');
  });

  it('closes the socket with 4419 when its token expires, not before; a graphql-ws client reconnects with a fresh one', async () => {
    const { url } = await serve({ auth: authConfig({ AUTH_JWT_SECRET: SECRET, AUTH_CLOCK_SKEW_SECONDS: '0' }, false) });
    const exp = Math.ceil(Date.now() / 1000) + 3;
    const client = await open(url, { authorization: `Bearer ${await token({ sub: 'edna', exp })}` });
    await client.waitFor((m) => m.type === 'connection_ack');
    client.subscribe('c', 'subscription { casualtyChanged { kind } }');
    expect(await client.closed).toEqual({ code: 4419, reason: 'Token expired' });
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000 - 50); // timers may fire a hair early, never a second

    // graphql-ws' own client: 4419 is not one of its fatal codes, so it reconnects, asks for
    // connectionParams again, and resubscribes.
    const tokens: number[] = [];
    const ws = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryWait: async () => void (await sleep(50)),
      connectionParams: async () => {
        const expires = Math.ceil(Date.now() / 1000) + (tokens.length === 0 ? 2 : 60);
        tokens.push(expires);
        return { authorization: `Bearer ${await token({ sub: 'edna', roles: ['EDITOR'], exp: expires })}` };
      },
    });
    const received: unknown[] = [];
    const errors: unknown[] = [];
    const stop = ws.subscribe(
      { query: 'subscription { importProgress { finished } }' },
      { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => {} },
    );
    for (let i = 0; i < 80 && tokens.length < 2; i++) await sleep(100);
    expect(tokens.length).toBe(2);
    await sleep(300);
    expect(errors).toEqual([]); // the subscription carried over to the new socket
    stop();
    await ws.dispose();
  });

  it('editor-only subscriptions: 4403 for a reader without the role, 4401 for an anonymous client; an editor is served', async () => {
    const { url } = await serve();
    const reader = await open(url, { authorization: `Bearer ${await token({ sub: 'rita' })}` });
    await reader.waitFor((m) => m.type === 'connection_ack');
    reader.subscribe('p', PROGRESS);
    expect(await reader.closed).toEqual({ code: 4403, reason: 'Forbidden' });

    const anonymous = await open(url, {});
    await anonymous.waitFor((m) => m.type === 'connection_ack'); // reading is public here
    anonymous.subscribe('p', PROGRESS);
    expect((await anonymous.closed).code).toBe(4401);

    const editor = await open(url, { authorization: `Bearer ${await token({ sub: 'edna', roles: ['EDITOR'] })}` });
    await editor.waitFor((m) => m.type === 'connection_ack');
    editor.subscribe('p', PROGRESS);
    await sleep(200);
    expect(editor.socket.readyState).toBe(WebSocket.OPEN);
    expect(editor.messages.filter((m) => m.type === 'error')).toEqual([]);
  });
});

describe('limits', () => {
  it('subscriptions per connection: one over the limit is answered with TOO_MANY_SUBSCRIPTIONS, the others keep running', async () => {
    const { url } = await serve({}, { maxSubscriptionsPerConnection: 2 });
    const client = await open(url);
    await client.waitFor((m) => m.type === 'connection_ack');
    for (const id of ['a', 'b', 'c']) client.subscribe(id, 'subscription { casualtyChanged { kind } }');
    const refused = await client.waitFor((m) => m.type === 'error');
    expect(refused.id).toBe('c');
    expect(refused.payload[0].extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 2 });
    // Completing one frees its place.
    client.complete('a');
    await sleep(50);
    client.subscribe('d', 'subscription { casualtyChanged { kind } }');
    await sleep(200);
    expect(client.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['c']);
  });

  it('sockets per client address: one over the limit is refused with HTTP 429 at the upgrade; closing one frees a place', async () => {
    const { url } = await serve({}, { maxConnectionsPerClient: 2 });
    const first = await open(url);
    await open(url);
    const refused = await LiveClient.open(url).then(
      () => 'opened',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/Unexpected server response: 429/);
    first.close();
    await sleep(100);
    await open(url);
  });

  it('browser origins: the CORS allowlist applies to the upgrade (403 for another site; local pages allowed outside production)', async () => {
    const { url } = await serve({ corsOrigins: ['https://newsroom.example.org'] });
    const from = (origin: string) =>
      LiveClient.open(url, {}, { headers: { origin } }).then(
        (client) => {
          clients.push(client);
          return 'opened';
        },
        (error: Error) => error.message,
      );
    expect(await from('https://evil.example')).toMatch(/Unexpected server response: 403/);
    expect(await from('https://newsroom.example.org')).toBe('opened');
    expect(await from('http://localhost:5173')).toBe('opened');
  });

  it('message size: a message over LIVE_MAX_MESSAGE_BYTES closes the socket with 1009', async () => {
    const { url } = await serve({}, { maxMessageBytes: 1024 });
    const client = await open(url);
    await client.waitFor((m) => m.type === 'connection_ack');
    client.subscribe('big', `subscription { casualtyChanged { kind } } # ${'x'.repeat(2048)}`);
    expect((await client.closed).code).toBe(1009);
  });

  it('ping/pong: a client that stops answering pings is dropped; one that answers stays', async () => {
    const { url } = await serve({}, { pingIntervalMs: 200 });
    const silent = await open(url, {}, { autoPong: false });
    const lively = await open(url);
    const began = performance.now();
    const closed = await silent.closed;
    expect(closed.code).toBe(1006); // terminated, no close frame
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(lively.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('back-pressure: a client that stops reading is disconnected (4008) once its backlog passes the limit', async () => {
    const logs: string[] = [];
    const { t, url } = await serve({}, { maxPendingEvents: 200, maxBufferedBytes: 64 * 1024 }, logs);
    const client = await open(url);
    await client.waitFor((m) => m.type === 'connection_ack');
    // Ten subscriptions share each change's loaders: ten times the bytes for little more work, so the buffers fill sooner.
    for (let i = 0; i < 10; i++) {
      client.subscribe(
        `s${i}`,
        `subscription { casualtyChanged { kind casualty { id victims figure { wording } event { title summary } citation { passage } } } }`,
      );
    }
    await sleep(100);
    // @ts-expect-error -- the underlying TCP socket: stop reading, so the kernel's buffers fill and then the server's
    (client.socket._socket as import('node:net').Socket).pause();
    const ids = (await queryRows<{ id: number }>(t.database.handle.db, sql`SELECT id FROM casualties`)).map((r) => r.id);
    const slow = () => logs.some((line) => line.includes('slow consumer'));
    for (let round = 0; round < 3000 && !slow(); round++) {
      t.server.live.publishChange('REVISED', 'Casualty', ids);
      await sleep(10);
    }
    expect(slow()).toBe(true);
    // @ts-expect-error -- read again: what was sent arrives, then the close frame (or the cut a second later)
    (client.socket._socket as import('node:net').Socket).resume();
    const { code } = await client.closed;
    expect([4008, 1006]).toContain(code);
    await expect.poll(() => t.server.liveEndpoint.connections).toBe(0);
    console.info(`slow consumer cut; it had ${client.messages.length} messages left to read`);
  });
});
