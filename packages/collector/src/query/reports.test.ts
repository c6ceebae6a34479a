import type { AnswerEvent } from '@tokenpaint/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type CollectorHandler, createCollector } from '../handler.ts';
import { RELATIVE_ACCURACY } from '../sketch.ts';
import { answer, batch, exactQuantile, latency, post, random } from '../test-beacons.ts';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const HOUR_MS = 3_600_000;
const MODELS = ['gpt-a', 'gpt-b', 'claude-c'];
const DEVICES = ['desktop', 'mobile'];
const QUANTILES = { p50: 0.5, p75: 0.75, p95: 0.95, p99: 0.99 } as const;

const open: CollectorHandler[] = [];
afterEach(async () => {
  for (const handler of open.splice(0)) await handler.close();
});

/** 3,000 answers over the last 30 hours, models and devices with different latency. */
async function seeded(): Promise<{ handler: CollectorHandler; events: AnswerEvent[] }> {
  const handler = createCollector({ db: ':memory:', rateLimit: false, now: () => NOW });
  open.push(handler);
  const next = random(42);
  const events: AnswerEvent[] = [];
  for (let i = 0; i < 3_000; i++) {
    const model = MODELS[Math.floor(next() * MODELS.length)] ?? 'gpt-a';
    const device = DEVICES[Math.floor(next() * DEVICES.length)] ?? 'desktop';
    const median = 300 * (1 + MODELS.indexOf(model)) * (device === 'mobile' ? 2 : 1);
    events.push(
      answer({
        at: NOW - Math.floor(next() * 30 * HOUR_MS),
        tags: { model, device_type: device },
        metrics: { ttft_ms: latency(next, median), ttfp_ms: latency(next, median + 16) },
      }),
    );
  }
  for (let i = 0; i < events.length; i += 20) {
    const response = await handler(post(JSON.stringify(batch(events.slice(i, i + 20), NOW))));
    expect(response.status).toBe(202);
  }
  return { handler, events };
}

async function get(handler: CollectorHandler, query: string): Promise<Record<string, unknown>> {
  const response = await handler(new Request(`http://collector.test${query}`));
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

interface StatsGroup {
  tags: Record<string, string | null>;
  count: number;
  max: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
  histogram: Array<{ le: number | null; count: number }>;
}

function expectWithinAccuracy(reported: number, exact: number): void {
  // The sketch's bound, plus the 0.01 rounding of the response.
  expect(Math.abs(reported - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY + 0.01);
}

describe('/v1/stats against exactly computed percentiles', () => {
  it('agrees within the stated accuracy per group, on a window with ragged minute edges', async () => {
    const { handler, events } = await seeded();
    const from = NOW - 26 * HOUR_MS - 17 * 60_000;
    const to = NOW - 90 * 60_000;
    const result = await get(
      handler,
      `/v1/stats?metric=ttfp_ms&group_by=model,device_type&from=${from}&to=${to}`,
    );
    const groups = result.groups as StatsGroup[];
    expect(groups).toHaveLength(MODELS.length * DEVICES.length);
    for (const group of groups) {
      const values = events
        .filter(
          (e) =>
            e.at >= from &&
            e.at < to &&
            e.tags?.model === group.tags.model &&
            e.tags?.device_type === group.tags.device_type,
        )
        .map((e) => e.metrics.ttfp_ms ?? 0);
      expect(group.count).toBe(values.length);
      for (const [name, q] of Object.entries(QUANTILES))
        expectWithinAccuracy(group[name as keyof typeof QUANTILES], exactQuantile(values, q));
      expect(group.max).toBeCloseTo(Math.max(...values), 2);
      expect(group.histogram.reduce((n, bucket) => n + bucket.count, 0)).toBe(values.length);
    }
  });

  it('agrees on a window of whole UTC days read from day cells, with hour and minute edges', async () => {
    const { handler, events } = await seeded();
    const from = NOW - 3 * 24 * HOUR_MS + 7 * 60_000;
    const result = await get(handler, `/v1/stats?metric=ttft_ms&group_by=model&from=${from}&to=${NOW}`);
    for (const group of result.groups as StatsGroup[]) {
      const values = events
        .filter((e) => e.at >= from && e.at < NOW && e.tags?.model === group.tags.model)
        .map((e) => e.metrics.ttft_ms ?? 0);
      expect(group.count).toBe(values.length);
      for (const [name, q] of Object.entries(QUANTILES))
        expectWithinAccuracy(group[name as keyof typeof QUANTILES], exactQuantile(values, q));
    }
    const daily = await get(handler, '/v1/series?metric=ttft_ms&from=-3d&step=1d');
    const [all] = daily.groups as Array<{ points: Array<{ t: number; count: number }> }>;
    for (const point of all?.points ?? [])
      expect(point.count).toBe(events.filter((e) => e.at >= point.t && e.at < point.t + 24 * HOUR_MS).length);
    expect(all?.points.reduce((n, p) => n + p.count, 0)).toBe(events.length);
  });

  it('filters with where (several values of one tag) before grouping', async () => {
    const { handler, events } = await seeded();
    const result = await get(
      handler,
      `/v1/stats?metric=ttft_ms&group_by=device_type&where=model:gpt-a|claude-c&from=-30h`,
    );
    const groups = result.groups as StatsGroup[];
    expect(groups.map((g) => g.tags.device_type).sort()).toEqual(['desktop', 'mobile']);
    for (const group of groups) {
      const values = events
        .filter(
          (e) =>
            e.at >= NOW - 30 * HOUR_MS &&
            (e.tags?.model === 'gpt-a' || e.tags?.model === 'claude-c') &&
            e.tags?.device_type === group.tags.device_type,
        )
        .map((e) => e.metrics.ttft_ms ?? 0);
      expect(group.count).toBe(values.length);
      expectWithinAccuracy(group.p95, exactQuantile(values, 0.95));
    }
  });
});

describe('/v1/series', () => {
  it('gives per-step percentiles that agree with the events of each step', async () => {
    const { handler, events } = await seeded();
    const result = await get(handler, '/v1/series?metric=ttft_ms&from=-12h&step=1h&where=model:gpt-b');
    const [group] = result.groups as Array<{ points: Array<{ t: number; count: number; p95: number }> }>;
    expect(group?.points.length).toBeGreaterThan(0);
    for (const point of group?.points ?? []) {
      const values = events
        .filter((e) => e.tags?.model === 'gpt-b' && e.at >= point.t && e.at < point.t + HOUR_MS)
        .map((e) => e.metrics.ttft_ms ?? 0);
      expect(point.count).toBe(values.length);
      expectWithinAccuracy(point.p95, exactQuantile(values, 0.95));
    }
  });

  it('refuses steps finer than a minute, naming the parameter', async () => {
    const { handler } = await seeded();
    const response = await handler(new Request('http://collector.test/v1/series?metric=ttft_ms&step=30s'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { parameter: string } }).error.parameter).toBe('step');
  });
});

describe('query errors', () => {
  it('answers 400 naming the parameter for a missing metric, a bad time or too many groups', async () => {
    const { handler } = await seeded();
    for (const [query, path] of [
      ['/v1/stats', 'metric'],
      ['/v1/stats?metric=ttft_ms&from=yesterday', 'from'],
      ['/v1/stats?metric=ttft_ms&from=-1h&to=-2h', 'from'],
      ['/v1/stats?metric=ttft_ms&group_by=a,b,c,d,e', 'group_by'],
      ['/v1/stats?metric=ttft_ms&where=model', 'where'],
    ] as const) {
      const response = await handler(new Request(`http://collector.test${query}`));
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { parameter: string } }).error.parameter, query).toBe(path);
    }
  });
});
