import { MAX_BEACON_BYTES } from '@tokenpaint/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorHandler, type CollectorOptions, createCollector } from './handler.ts';
import { answer, batch, post } from './test-beacons.ts';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const open: CollectorHandler[] = [];
function collector(options: CollectorOptions = {}): CollectorHandler {
  const handler = createCollector({ db: ':memory:', rateLimit: false, ...options });
  open.push(handler);
  return handler;
}
afterEach(async () => {
  for (const handler of open.splice(0)) await handler.close();
});

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('POST /v1/beacon', () => {
  it('stores a sendBeacon text/plain body and answers 202 once committed', async () => {
    const handler = collector();
    const response = await handler(post(JSON.stringify(batch([answer(), answer()]))));
    expect(response.status).toBe(202);
    expect(await body(response)).toEqual({ accepted: 2, duplicates: 0, expired: 0, rejected: [] });
    expect(handler.store.eventCount()).toBe(2);
  });

  it('accepts application/json with a charset', async () => {
    const handler = collector();
    const response = await handler(
      post(JSON.stringify(batch([answer()])), { 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(response.status).toBe(202);
  });

  it('stores an answer once however often it is sent', async () => {
    const handler = collector();
    const event = answer();
    await handler(post(JSON.stringify(batch([event]))));
    const again = await handler(post(JSON.stringify(batch([event, answer()]))));
    expect(await body(again)).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(handler.store.eventCount()).toBe(2);
  });

  it('stores the good events of a mixed batch and names the bad ones by index', async () => {
    const handler = collector();
    const bad = { ...answer(), metrics: { ttft_ms: -5 } };
    const response = await handler(post(JSON.stringify(batch([answer(), bad, answer()]))));
    expect(response.status).toBe(202);
    const result = await body(response);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 1, path: 'events[1].metrics.ttft_ms' }),
    ]);
    expect(handler.store.eventCount()).toBe(2);
  });

  it('answers 400 naming the first invalid field when nothing in the batch is valid', async () => {
    const handler = collector();
    const response = await handler(post(JSON.stringify(batch([{ ...answer(), outcome: 'maybe' } as never]))));
    expect(response.status).toBe(400);
    const { error } = (await body(response)) as { error: { path: string; code: string } };
    expect(error).toMatchObject({ code: 'invalid_beacon', path: 'events[0].outcome' });
    expect(handler.store.eventCount()).toBe(0);
  });

  it('answers 400 for a wrong envelope, naming the field', async () => {
    const handler = collector();
    const response = await handler(post(JSON.stringify({ ...batch([answer()]), v: 2 })));
    expect(response.status).toBe(400);
    expect(((await body(response)) as { error: { path: string } }).error.path).toBe('v');
  });

  it('answers 400 for a body that is not JSON, or not UTF-8', async () => {
    const handler = collector();
    expect((await handler(post('{"v":1,"events":['))).status).toBe(400);
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const response = await handler(post(invalidUtf8));
    expect(response.status).toBe(400);
    expect(((await body(response)) as { error: { code: string } }).error.code).toBe('invalid_utf8');
  });

  it('answers 413 over 64 KiB, by content-length and by the bytes that actually arrive', async () => {
    const handler = collector();
    const big = 'x'.repeat(MAX_BEACON_BYTES + 1);
    expect((await handler(post(big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(16_384).fill(0x20));
      },
    });
    const unbounded = new Request('http://collector.test/v1/beacon', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await handler(unbounded)).status).toBe(413);
    // exactly the limit is fine (and then fails as JSON, not as size)
    expect((await handler(post(' '.repeat(MAX_BEACON_BYTES)))).status).toBe(400);
  });

  it('answers 408 to a body that trickles in slower than the timeout', async () => {
    const handler = collector({ bodyTimeoutMs: 50 });
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        controller.enqueue(new Uint8Array([0x20]));
      },
    });
    const request = new Request('http://collector.test/v1/beacon', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: slow,
      duplex: 'half',
    } as RequestInit);
    expect((await handler(request)).status).toBe(408);
  });

  it('answers 415 to other content types', async () => {
    const handler = collector();
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'image/png',
    ]) {
      const response = await handler(post(JSON.stringify(batch([answer()])), { 'content-type': type }));
      expect(response.status).toBe(415);
    }
    expect(handler.store.eventCount()).toBe(0);
  });

  it('answers 429 with Retry-After past the per-client rate, per client', async () => {
    const handler = collector({ rateLimit: { perSecond: 1, burst: 3 }, now: () => NOW });
    const send = (client: string) =>
      handler(post(JSON.stringify(batch([answer({ at: NOW })], NOW))), { clientAddress: client });
    for (let i = 0; i < 3; i++) expect((await send('10.0.0.1')).status).toBe(202);
    const limited = await send('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await send('10.0.0.2')).status).toBe(202);
  });

  it('keys the rate limit on X-Forwarded-For only behind a trusted proxy', async () => {
    const handler = collector({ rateLimit: { perSecond: 1, burst: 1 }, trustProxy: true });
    const send = (forwarded: string) =>
      handler(post(JSON.stringify(batch([answer()])), { 'x-forwarded-for': `${forwarded}, 10.0.0.9` }), {
        clientAddress: '10.0.0.9',
      });
    expect((await send('1.1.1.1')).status).toBe(202);
    expect((await send('2.2.2.2')).status).toBe(202);
    expect((await send('1.1.1.1')).status).toBe(429);
  });

  it('ignores unknown fields, at every level, and stores the event', async () => {
    const handler = collector();
    const event = {
      ...answer(),
      from_a_newer_reporter: true,
      metrics: { ttft_ms: 100, not_a_metric_yet: 5 },
    };
    const response = await handler(post(JSON.stringify({ ...batch([event]), extra: { nested: [1, 2] } })));
    expect(response.status).toBe(202);
    expect(await body(response)).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('answers 503 with Retry-After when storage fails, so the reporter keeps the beacon and retries', async () => {
    const handler = collector();
    await handler.store.close();
    const response = await handler(post(JSON.stringify(batch([answer()]))));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(((await body(response)) as { error: { code: string } }).error.code).toBe('storage_unavailable');
  });

  it('answers 405 to other methods', async () => {
    const handler = collector();
    const response = await handler(new Request('http://collector.test/v1/beacon'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('CORS', () => {
  it('lets listed origins post and read, with the headers a browser needs', async () => {
    const handler = collector({ allowedOrigins: ['https://app.example.com'] });
    const preflight = await handler(
      new Request('http://collector.test/v1/beacon', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const response = await handler(
      post(JSON.stringify(batch([answer()])), { origin: 'https://app.example.com' }),
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('refuses unlisted origins with 403 and stores nothing, since a text/plain beacon skips the preflight', async () => {
    const handler = collector({ allowedOrigins: ['https://app.example.com'] });
    const response = await handler(
      post(JSON.stringify(batch([answer()])), { origin: 'https://evil.example' }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(handler.store.eventCount()).toBe(0);
  });

  it('always allows same-origin pages and requests without an Origin', async () => {
    const handler = collector();
    expect(
      (await handler(post(JSON.stringify(batch([answer()])), { origin: 'http://collector.test' }))).status,
    ).toBe(202);
    expect((await handler(post(JSON.stringify(batch([answer()]))))).status).toBe(202);
  });
});

describe('routing', () => {
  it('answers 404 elsewhere, and serves under a base path', async () => {
    const handler = collector({ basePath: '/collector' });
    expect((await handler(new Request('http://collector.test/v1/stats?metric=ttft_ms'))).status).toBe(404);
    const response = await handler(new Request('http://collector.test/collector/v1/stats?metric=ttft_ms'));
    expect(response.status).toBe(200);
    expect((await handler(new Request('http://collector.test/collector/nothing'))).status).toBe(404);
  });

  it('serves the dashboard with a strict content security policy, unless turned off', async () => {
    const handler = collector();
    const page = await handler(new Request('http://collector.test/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('./dashboard/app.js');
    const chart = await handler(new Request('http://collector.test/dashboard/uplot.js'));
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toContain('javascript');
    expect((await handler(new Request('http://collector.test/dashboard/nothing.js'))).status).toBe(404);
    const off = collector({ dashboard: false });
    expect((await off(new Request('http://collector.test/'))).status).toBe(404);
  });

  it("redirects a base path to its trailing slash, where the dashboard's relative links work", async () => {
    const handler = collector({ basePath: '/collector' });
    const response = await handler(new Request('http://collector.test/collector'));
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/collector/');
    expect((await handler(new Request('http://collector.test/collector/'))).status).toBe(200);
  });

  it('reports health with the number of events stored', async () => {
    const handler = collector();
    await handler(post(JSON.stringify(batch([answer()]))));
    const response = await handler(new Request('http://collector.test/healthz'));
    expect(await body(response)).toEqual({ ok: true, events: 1 });
  });
});
