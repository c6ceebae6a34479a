import type { AnswerEvent, BeaconBatch, BeaconEvent } from '@tokenpaint/core';

let sequence = 0;

/** A valid answer event; `overrides` replace fields. */
export function answer(overrides: Partial<AnswerEvent> = {}): AnswerEvent {
  sequence++;
  return {
    type: 'answer',
    request_id: `req-${sequence}`,
    at: Date.now(),
    outcome: 'done',
    tags: { model: 'gpt-test', device_type: 'desktop' },
    metrics: { ttft_ms: 120, ttfp_ms: 140, tpot_ms: 12 },
    ...overrides,
  };
}

/** A valid batch of `events`, sent now. */
export function batch(events: BeaconEvent[], sentAt = Date.now()): BeaconBatch {
  return { v: 1, session_id: 'session-test', sent_at: sentAt, events };
}

/** A POST of `body` to the collector's beacon endpoint. */
export function post(body: string | Uint8Array, headers: Record<string, string> = {}): Request {
  return new Request('http://collector.test/v1/beacon', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: body as BodyInit,
  });
}

/** Nearest-rank quantile of exact values, the definition the collector's p50…p99 follow. */
export function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** A seeded PRNG (mulberry32), so a failing random test fails the same way again. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A log-normal latency around `median` ms: the shape real TTFT has. */
export function latency(next: () => number, median: number): number {
  const u = Math.max(next(), 1e-12);
  const v = next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.min(9e8, median * Math.exp(0.6 * normal));
}
