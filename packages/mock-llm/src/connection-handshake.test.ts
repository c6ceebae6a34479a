import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectionHandshakes, requestedHandshakeMs } from './connection-handshake.ts';
import { listen, type MockServer } from './node-server.ts';

const socket = (): Socket => ({}) as Socket;

describe('createConnectionHandshakes', () => {
  it('charges the first request on a socket, and only the first', () => {
    const ledger = createConnectionHandshakes();
    const s = socket();
    ledger.accepted(s, 1_000);
    expect(ledger.waitFor(s, 300, 1_000)).toBe(300);
    expect(ledger.waitFor(s, 300, 1_010)).toBe(0);
  });

  it('counts the time a socket has been open as handshake already paid (a preconnected socket)', () => {
    const ledger = createConnectionHandshakes();
    const early = socket();
    const late = socket();
    ledger.accepted(early, 1_000);
    ledger.accepted(late, 1_900);
    expect(ledger.waitFor(early, 300, 2_000)).toBe(0);
    expect(ledger.waitFor(late, 300, 2_000)).toBe(200);
  });

  it('treats a socket it never saw accepted as new at its first request', () => {
    const ledger = createConnectionHandshakes();
    expect(ledger.waitFor(socket(), 250, 5_000)).toBe(250);
  });
});

describe('requestedHandshakeMs', () => {
  const none = new Headers();
  it('reads the query case-insensitively, then the header, and caps it', () => {
    expect(requestedHandshakeMs(new URL('http://m/v1/text?Handshake=120'), none)).toBe(120);
    expect(requestedHandshakeMs(new URL('http://m/v1/text'), new Headers({ 'x-mock-handshake': '80' }))).toBe(
      80,
    );
    expect(requestedHandshakeMs(new URL('http://m/v1/text?handshake=99999999'), none)).toBe(10_000);
  });
  it('waits nothing for an absent or unreadable value (the handler answers that one with a 400)', () => {
    expect(requestedHandshakeMs(new URL('http://m/v1/text'), none)).toBe(0);
    expect(requestedHandshakeMs(new URL('http://m/v1/text?handshake=soon'), none)).toBe(0);
  });
});

/** One GET over `agent`; resolves with the status and how long the answer took. */
function timedGet(url: string, agent: Agent): Promise<{ status: number; ms: number }> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - startedAt }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('handshake=<ms> over real sockets', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await listen({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a fresh connection pays the handshake; the next request on the kept-alive socket does not', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const warm = await timedGet(`${server.url}/warm?handshake=250`, agent);
      const model = await timedGet(`${server.url}/?handshake=250`, agent);
      expect(warm.status).toBe(204);
      expect(warm.ms).toBeGreaterThanOrEqual(245);
      expect(model.status).toBe(200);
      expect(model.ms).toBeLessThan(200);
    } finally {
      agent.destroy();
    }
  });

  it('a socket opened before its first request (a preconnect) has paid while it waited', async () => {
    const raw = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => raw.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = performance.now();
    const reply = new Promise<string>((resolve) => raw.once('data', (chunk) => resolve(String(chunk))));
    raw.write('HEAD /warm?handshake=250 HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n');
    const head = await reply;
    const ms = performance.now() - startedAt;
    raw.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 204/);
    expect(ms).toBeLessThan(200);
  });

  it('answers a handshake that is not a number with a 400 naming the option', async () => {
    const response = await fetch(`${server.url}/v1/text?handshake=soon`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('handshake');
  });

  it('serves the warm-up as 204 with no body for GET and HEAD, and refuses POST', async () => {
    const get = await fetch(`${server.url}/warm`);
    expect(get.status).toBe(204);
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(await get.text()).toBe('');
    expect((await fetch(`${server.url}/warm`, { method: 'HEAD' })).status).toBe(204);
    const post = await fetch(`${server.url}/warm`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
