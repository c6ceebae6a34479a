import type { AnswerEvent, BeaconBatch } from '@tokenpaint/core';

const MODELS = ['gpt-4.1', 'gpt-4.1-mini', 'claude-sonnet', 'claude-haiku', 'llama-70b'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const NETWORKS = ['4g', 'wifi', '3g'];

let sequence = 0;
const runId = Math.random().toString(36).slice(2, 8);

// The tests' seeded PRNG (mulberry32): every run of the benchmark sends the same shapes.
export { random } from '../src/test-beacons.ts';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
// Rounded to 0.1 ms, the precision the reporter sends (browsers coarsen performance.now() to about that).
const lognormal = (next: () => number, median: number): number =>
  Math.round(
    10 *
      median *
      Math.exp(0.6 * Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next())),
  ) / 10;

/**
 * An answer event shaped like the reporter's: a dozen metrics, a six-stage
 * waterfall, standard tags (about 700 bytes of JSON, 20 to a sendBeacon batch).
 */
export function realisticAnswer(next: () => number, at: number): AnswerEvent {
  sequence++;
  const ttft = lognormal(next, 600);
  const ttfp = Math.round((ttft + lognormal(next, 12)) * 10) / 10;
  return {
    type: 'answer',
    request_id: `bench-${runId}-${sequence}`,
    at,
    outcome: next() < 0.02 ? 'error' : 'done',
    tags: {
      model: pick(next, MODELS),
      prompt_version: String(10 + Math.floor(next() * 4)),
      device_type: pick(next, DEVICES),
      network_type: pick(next, NETWORKS),
      protocol: 'openai-chat',
      feature: 'chat',
    },
    metrics: {
      ttfb_ms: Math.round(ttft * 8) / 10,
      ttft_ms: ttft,
      ttfp_ms: ttfp,
      paint_lag_ms: Math.round((ttfp - ttft) * 10) / 10,
      tpot_ms: lognormal(next, 18),
      itl_p50_ms: lognormal(next, 15),
      itl_p95_ms: lognormal(next, 45),
      tokens_per_s: lognormal(next, 55),
      e2e_ms: Math.round((ttft + lognormal(next, 4000)) * 10) / 10,
      output_tokens: Math.round(lognormal(next, 300)),
      fps: Math.round(580 + next() * 20) / 10,
      longest_frame_ms: lognormal(next, 20),
      commits: Math.round(lognormal(next, 120)),
    },
    paint_method: 'element-timing',
    token_source: 'usage',
    stages: [
      { name: 'dns', source: 'resource-timing', start_ms: 0, dur_ms: lognormal(next, 5) },
      { name: 'connect', source: 'resource-timing', start_ms: 5, dur_ms: lognormal(next, 20) },
      { name: 'ttfb', source: 'resource-timing', start_ms: 25, dur_ms: Math.round(ttft * 8) / 10 },
      { name: 'server:model', source: 'server-timing', dur_ms: Math.round(ttft * 7) / 10 },
      {
        name: 'first-token',
        source: 'client',
        start_ms: Math.round(ttft * 8) / 10,
        dur_ms: Math.round(ttft * 2) / 10,
      },
      { name: 'paint', source: 'client', start_ms: ttft, dur_ms: Math.round((ttfp - ttft) * 10) / 10 },
    ],
  };
}

/** A batch as the reporter sends it. */
export function batchOf(events: AnswerEvent[], sentAt = Date.now()): BeaconBatch {
  return { v: 1, session_id: `bench-session-${runId}`, sent_at: sentAt, events };
}
