import { request as httpRequest } from 'node:http';
import { MAX_BEACON_BYTES } from '@tokenpaint/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorServer, listen } from './node-server.ts';
import { answer, batch } from './test-beacons.ts';

const servers: CollectorServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function started(): Promise<CollectorServer> {
  const server = await listen({ db: ':memory:', rateLimit: { perSecond: 1000, burst: 1000 } });
  servers.push(server);
  return server;
}

describe('listen()', () => {
  it('takes a beacon over a real socket and answers queries', async () => {
    const server = await started();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(batch([answer(), answer()])),
    });
    expect(response.status).toBe(202);
    const stats = (await (await fetch(`${server.url}/v1/stats?metric=ttft_ms`)).json()) as {
      groups: Array<{ count: number }>;
    };
    expect(stats.groups[0]?.count).toBe(2);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('tokenpaint_events_total{result="stored"} 2');
  });

  it('refuses an oversized streamed upload with 413 and closes the connection without reading it all', async () => {
    const server = await started();
    const { port } = server;
    const answerOf = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const request = httpRequest(
          {
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/v1/beacon',
            headers: { 'content-type': 'text/plain' },
          },
          (response) => {
            response.resume();
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection });
          },
        );
        request.on('error', (error) => {
          // The server may close before the client finishes writing; the answer came first.
          if (
            (error as NodeJS.ErrnoException).code !== 'EPIPE' &&
            (error as NodeJS.ErrnoException).code !== 'ECONNRESET'
          )
            reject(error);
        });
        // Chunked, no content-length: only the counted bytes can trip the limit.
        const chunk = Buffer.alloc(16_384, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent <= MAX_BEACON_BYTES * 4) {
            sent += chunk.length;
            if (!request.write(chunk)) return void request.once('drain', pump);
          }
          request.end();
        };
        pump();
      },
    );
    expect(answerOf.status).toBe(413);
    expect(answerOf.connection).toBe('close');
    expect(server.handler.store.eventCount()).toBe(0);
    // Still up.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('keys the rate limit on the socket address', async () => {
    const server = await listen({ db: ':memory:', rateLimit: { perSecond: 1, burst: 1 } });
    servers.push(server);
    const send = () =>
      fetch(`${server.url}/v1/beacon`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(batch([answer()])),
      });
    expect((await send()).status).toBe(202);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
