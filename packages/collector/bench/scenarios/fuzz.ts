import { request } from 'node:http';
import { MAX_BEACON_BYTES } from '@tokenpaint/core';
import { batchOf, random, realisticAnswer } from '../beacons.ts';
import { startCollector } from '../collector-process.ts';
import { client } from '../http-client.ts';

type Body = { kind: string; body: Buffer | string; type: string };

/** A valid body, broken one way per kind. Every one of them must get a 4xx and store nothing. */
function malformed(next: () => number, i: number): Body {
  const valid = JSON.stringify(batchOf([realisticAnswer(next, Date.now())]));
  const plain = 'text/plain;charset=UTF-8';
  switch (i % 9) {
    case 0:
      return {
        kind: 'truncated',
        body: valid.slice(0, Math.floor(next() * (valid.length - 1))),
        type: plain,
      };
    case 1: {
      // Values each field's type rules out (null and {} are not among them for tags and metrics: both mean none).
      const wrong: Array<[string, unknown[]]> = [
        ['at', ['x', null, {}, -1]],
        ['request_id', [7, null, {}, '']],
        ['outcome', [7, 'maybe', null]],
        ['tags', [7, 'x', [1]]],
        ['metrics', ['x', 7, { ttft_ms: 'fast' }]],
        ['type', ['x', 7, null]],
      ];
      const [field, values] = wrong[Math.floor(i / 9) % wrong.length] ?? ['at', ['x']];
      const event = JSON.parse(valid) as { events: Array<Record<string, unknown>> };
      (event.events[0] as Record<string, unknown>)[field] = values[Math.floor(next() * values.length)];
      return { kind: 'wrong type', body: JSON.stringify(event), type: plain };
    }
    case 2:
      return {
        kind: 'huge number',
        body: valid.replace(/"ttft_ms":[\d.e+-]+/, '"ttft_ms":1e400'),
        type: plain,
      };
    case 3: {
      const depth = 10_000;
      return { kind: 'deep nesting', body: `${'['.repeat(depth)}${']'.repeat(depth)}`, type: plain };
    }
    case 4: {
      const bytes = Buffer.from(valid);
      bytes[Math.floor(next() * bytes.length)] = 0xff;
      return { kind: 'invalid utf-8', body: bytes, type: plain };
    }
    case 5:
      return { kind: '64 KiB + 1', body: Buffer.alloc(MAX_BEACON_BYTES + 1, 0x20), type: plain };
    case 6:
      return {
        kind: 'wrong content type',
        body: valid,
        type:
          ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png'][i % 3] ?? '',
      };
    case 7:
      return { kind: 'wrong envelope', body: JSON.stringify({ ...JSON.parse(valid), v: 2 }), type: plain };
    default:
      return { kind: 'not an object', body: ['null', '"beacon"', '[]', '42', ''][i % 5] ?? '', type: plain };
  }
}

/** A body written one byte every 400 ms: it must be cut off with 408 (after the 10 s body timeout). */
function slowBody(url: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: 'POST', path: '/v1/beacon', headers: { 'content-type': 'text/plain' } },
      (response) => {
        clearInterval(timer);
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    const timer = setInterval(() => req.write(' '), 400);
  });
}

/** The collector's V8 heap ceiling here: a body kept after its answer would exhaust it and end the process. */
export const FUZZ_HEAP_MIB = 64;

export async function fuzz(options: { db: string; bodies: number }) {
  const collector = await startCollector(
    options.db,
    ['--rate-limit', 'off'],
    [`--max-old-space-size=${FUZZ_HEAP_MIB}`],
  );
  const http = client(collector.url, 8);
  const next = random(3);
  const byKind = new Map<string, { sent: number; statuses: Set<number> }>();
  const outside4xx: string[] = [];
  const rss: number[] = [collector.rssMiB()];
  const slow = Array.from({ length: 8 }, () => slowBody(collector.url));
  let sent = 0;
  const sender = async () => {
    while (sent < options.bodies) {
      const i = sent++;
      const { kind, body, type } = malformed(next, i);
      let status = 0;
      try {
        status = (await http.send('POST', '/v1/beacon', body, { 'content-type': type })).status;
      } catch {
        status = 0; // the server closed the connection on a refused upload; the status was sent first
      }
      const entry = byKind.get(kind) ?? { sent: 0, statuses: new Set() };
      entry.sent++;
      if (status !== 0) entry.statuses.add(status);
      byKind.set(kind, entry);
      if (status !== 0 && (status < 400 || status > 499)) outside4xx.push(`${kind}: ${status}`);
      if (i % 500 === 0) rss.push(collector.rssMiB());
    }
  };
  await Promise.all(Array.from({ length: 8 }, sender));
  const slowStatuses = await Promise.all(slow);
  rss.push(collector.rssMiB());
  const health = JSON.parse((await http.send('GET', '/healthz')).text) as { ok: boolean; events: number };
  http.close();
  await collector.stop();
  return {
    bodies: options.bodies,
    kinds: Object.fromEntries(
      [...byKind].map(([kind, e]) => [kind, { sent: e.sent, statuses: [...e.statuses] }]),
    ),
    slowBodies: slowStatuses,
    outside4xx: outside4xx.length,
    stillUp: health.ok,
    stored: health.events,
    // Resident memory every 500 bodies (V8 grows its heap lazily up to the ceiling, so RSS rises, then levels off).
    rssMiB: rss.map(Math.round),
  };
}
