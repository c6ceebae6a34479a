import { createMockFetch, PRESET_NAMES } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { validateBeacon } from '../beacon/validate.ts';
import { startStream } from '../run/start-stream.ts';
import type { StreamSnapshot, StreamTiming } from '../run/types.ts';
import { HttpError } from '../sse/errors.ts';
import { toAnswerEvent } from './answer-event.ts';
import { deriveAnswerMetrics, looksBuffered } from './answer-metrics.ts';

/** A final snapshot with a scripted timing: only what the metrics read. */
function scripted(
  timing: Partial<StreamTiming> & { tokenArrivals: number[] },
  extra: Partial<StreamSnapshot> = {},
): StreamSnapshot {
  const arrivals = timing.tokenArrivals;
  return {
    status: 'done',
    generation: 1,
    protocol: 'openai-chat',
    text: 'x'.repeat(arrivals.length),
    reasoning: '',
    toolCalls: [],
    timing: {
      requestStart: 1_000,
      tokenCount: arrivals.length,
      ...(arrivals.length > 0 && { firstToken: arrivals[0], lastToken: arrivals.at(-1) }),
      ...timing,
    },
    ...extra,
  } as StreamSnapshot;
}

describe('deriveAnswerMetrics', () => {
  it('derives every figure from a scripted timeline', () => {
    // Request at 1000, headers at 1100, first byte 1150, deltas every 20 ms from 1300, one 2.5 s stall.
    const arrivals = [1300, 1320, 1340, 1360, 3860, 3880];
    const snapshot = scripted({ responseHeaders: 1100, firstByte: 1150, tokenArrivals: arrivals, end: 3900 });
    const { metrics, tokenSource, flags } = deriveAnswerMetrics(snapshot, {
      actionAt: 950,
      firstPaint: 1312.34,
    });
    expect(metrics).toEqual({
      ttfb_ms: 150,
      ttft_ms: 300,
      ttft_from_action_ms: 350,
      ttfp_ms: 312.3,
      ttfp_from_action_ms: 362.3,
      paint_lag_ms: 12.3,
      output_tokens: 6,
      // (3880 − 1300) / 5
      tpot_ms: 516,
      // 6 tokens over 2.58 s
      tokens_per_s: 2.3,
      // gaps 20, 20, 20, 2500, 20: nearest rank
      itl_p50_ms: 20,
      itl_p95_ms: 2500,
      itl_p99_ms: 2500,
      stalls: 1,
      stall_ms: 2500,
      e2e_ms: 2900,
      e2e_from_action_ms: 2950,
      tool_calls: 0,
      retries: 0,
      resumes: 0,
    });
    expect(tokenSource).toBe('counted');
    expect(flags).toEqual([]);
  });

  it("counts output tokens from the provider's usage when the stream carried it, and says so", () => {
    const snapshot = scripted(
      { tokenArrivals: [1300, 1400, 1500] },
      { usage: { inputTokens: 900, cachedInputTokens: 640, outputTokens: 21 } },
    );
    const { metrics, tokenSource } = deriveAnswerMetrics(snapshot);
    expect(tokenSource).toBe('usage');
    expect(metrics.output_tokens).toBe(21);
    expect(metrics.input_tokens).toBe(900);
    expect(metrics.cached_input_tokens).toBe(640);
    expect(metrics.tpot_ms).toBe(10);
  });

  it('times tool waits from complete arguments to result, parallel waits once, in the metrics and the waterfall', () => {
    const snapshot = scripted({
      tokenArrivals: [1300],
      toolCalls: [
        { id: 'a', name: 'search', startedAt: 1100, argsCompleteAt: 1150, resultAt: 1250 },
        { id: 'b', name: 'weather', startedAt: 1120, argsCompleteAt: 1200, resultAt: 1280 }, // overlaps a
        { id: 'c', name: 'lookup', startedAt: 1400, argsCompleteAt: 1500, resultAt: 1540 },
        { id: 'd', name: 'client_side', startedAt: 1600, argsCompleteAt: 1610 }, // answered by the app, not the stream
      ],
    });
    const { metrics } = deriveAnswerMetrics(snapshot);
    expect(metrics.tool_wait_ms).toBe(130 + 40); // 1150–1280 merged, then 1500–1540
    const event = toAnswerEvent(snapshot);
    expect(event.stages?.filter((stage) => stage.name === 'tools')).toEqual([
      { name: 'tools', source: 'client', start_ms: 150, dur_ms: 130 },
      { name: 'tools', source: 'client', start_ms: 500, dur_ms: 40 },
    ]);
    expect(deriveAnswerMetrics(scripted({ tokenArrivals: [1300] })).metrics).not.toHaveProperty(
      'tool_wait_ms',
    );
  });

  it("carries the long animation frames' scripts into the answer event, and nothing when there were none", () => {
    const snapshot = scripted({ tokenArrivals: [1300] });
    const longFrameScripts = [{ invoker: 'DIV.onclick', dur_ms: 70 }];
    expect(toAnswerEvent(snapshot, { longFrameScripts }).long_frame_scripts).toEqual(longFrameScripts);
    expect(toAnswerEvent(snapshot, { longFrameScripts: [] })).not.toHaveProperty('long_frame_scripts');
  });

  it('reports only what happened: no token, no token figures; no paint, no paint figures', () => {
    const { metrics } = deriveAnswerMetrics(scripted({ tokenArrivals: [], end: 1200 }, { status: 'error' }));
    expect(metrics).toEqual({ e2e_ms: 200, tool_calls: 0, retries: 0, resumes: 0 });
  });
});

describe('looksBuffered', () => {
  const burst = (at: number, count: number, every = 0.1) =>
    Array.from({ length: count }, (_, i) => at + i * every);
  it('flags a burst of deltas after a silence, and not a fast stream, an instant one or a short one', () => {
    expect(looksBuffered(0, burst(1500, 60))).toBe(true);
    expect(looksBuffered(0, burst(1500, 60, 1))).toBe(false); // 1,000 deltas/s streams
    expect(looksBuffered(0, burst(5, 60))).toBe(false); // no silence before it
    expect(looksBuffered(0, burst(1500, 10))).toBe(false); // too short to tell
  });

  const body = { model: 'mock', stream: true, messages: [{ role: 'user', content: 'hi' }] };
  for (const preset of PRESET_NAMES) {
    it(`is ${preset === 'buffered-proxy' ? '' : 'not '}tripped by the mock's ${preset} preset`, async () => {
      // Timings shrunk where they do not change the shape: a real first-token wait, a fast stream.
      const run = startStream({
        url: `http://mock/v1/chat/completions?preset=${preset}&ttft=300&tps=1000&stallMs=300&retryAfter=0`,
        body,
        fetch: createMockFetch({ retryMs: 10 }),
        retry: { maxRetries: 0 },
      });
      const final = await run.done;
      const { flags } = deriveAnswerMetrics(final);
      expect(flags.includes('buffered'), `${preset}: ${final.timing.tokenCount} deltas`).toBe(
        preset === 'buffered-proxy',
      );
    });
  }
});

describe('toAnswerEvent', () => {
  it('makes a valid beacon event with the run’s protocol and model, the app’s tags, and epoch time', () => {
    const snapshot = scripted(
      { firstByte: 1100, tokenArrivals: [1300, 1350], end: 1400 },
      { model: 'gpt-4.1' },
    );
    const event = toAnswerEvent(snapshot, {
      requestId: 'r-1',
      timeOrigin: 1_800_000_000_000,
      moments: { actionAt: 990, firstPaint: 1316 },
      paintMethod: 'element-timing',
      tags: { feature: 'chat' },
    });
    expect(event).toMatchObject({
      type: 'answer',
      request_id: 'r-1',
      at: 1_800_000_000_990,
      outcome: 'done',
      tags: { protocol: 'openai-chat', model: 'gpt-4.1', feature: 'chat' },
      paint_method: 'element-timing',
      token_source: 'counted',
    });
    expect(event.metrics.paint_lag_ms).toBe(16);
    expect(event.stages).toEqual([
      { name: 'ttfb', source: 'client', start_ms: 0, dur_ms: 100 },
      { name: 'first-token', source: 'client', start_ms: 100, dur_ms: 200 },
      { name: 'paint', source: 'client', start_ms: 300, dur_ms: 16 },
    ]);
    const validated = validateBeacon({ v: 1, session_id: 's', sent_at: Date.now(), events: [event] });
    expect(validated.ok && validated.rejected).toEqual([]);
  });

  it('reports an error by its class name only, and paint figures only with their method', () => {
    const error = new HttpError(502, 'Bad Gateway', 'upstream said "secret user text"');
    const snapshot = scripted({ tokenArrivals: [1300], end: 1500 }, { status: 'error', error });
    const event = toAnswerEvent(snapshot, { moments: { firstPaint: 1310 } });
    expect(event.outcome).toBe('error');
    expect(event.error).toBe('HttpError');
    expect(JSON.stringify(event)).not.toContain('secret');
    expect(event.metrics.ttfp_ms).toBeUndefined();
    expect(event.paint_method).toBeUndefined();
  });
});

describe('budgets', () => {
  it('lists every default budget an answer went over, metrics and stages, and none when turned off', () => {
    // TTFT 3.2 s, a first-token stage of 3.1 s, the whole answer 9 s, paint 30 ms after the token.
    const snapshot = scripted({ firstByte: 1100, tokenArrivals: [4200, 4210, 10_000], end: 10_000 });
    const event = toAnswerEvent(snapshot, { moments: { firstPaint: 4230 }, paintMethod: 'element-timing' });
    expect(event.breaches).toEqual([
      { budget: 'ttft_ms', value_ms: 3200, budget_ms: 3000 },
      { budget: 'e2e_ms', value_ms: 9000, budget_ms: 8000 },
      { budget: 'paint_lag_ms', value_ms: 30, budget_ms: 16 },
      // (10000 − 4200) / 2
      { budget: 'tpot_ms', value_ms: 2900, budget_ms: 50 },
    ]);
    const custom = toAnswerEvent(snapshot, {
      budgets: { ttft_ms: 5_000, tpot_ms: undefined, 'first-token': 1_000 },
    });
    expect(custom.breaches?.map((breach) => breach.budget)).toEqual(['e2e_ms', 'first-token']);
    expect(toAnswerEvent(snapshot, { budgets: false }).breaches).toBeUndefined();
  });
});

describe('retries and resumes', () => {
  it('counts requests sent again before any data, and reconnects with Last-Event-ID', async () => {
    const body = { model: 'm', stream: true, messages: [] };
    const limited = startStream({
      url: 'http://mock/v1/chat/completions?preset=rate-limited&retryAfter=0',
      body,
      fetch: createMockFetch({ retryMs: 10 }),
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    expect(deriveAnswerMetrics(await limited.done).metrics.retries).toBe(2);
    const mock = createMockFetch({ retryMs: 10 });
    // The resumed request goes out without the fault, as a network drop is a one-off.
    const once: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (new Headers(init?.headers).has('last-event-id')) url.searchParams.set('dropAt', 'off');
      return mock(url, init);
    };
    const dropped = startStream({
      url: 'http://mock/v1/chat/completions?preset=drop&resumable=1&ttft=5&tps=3000',
      body,
      fetch: once,
    });
    const final = await dropped.done;
    expect(final.status).toBe('done');
    expect(deriveAnswerMetrics(final).metrics).toMatchObject({ resumes: 1, retries: 0 });
  });
});

describe('the user action', () => {
  it('is taken from startStream({ actionAt }) for the first request, and the figures run from it', async () => {
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant',
      body: { model: 'm', stream: true, messages: [] },
      fetch: createMockFetch(),
      actionAt: performance.now() - 40,
    });
    const final = await run.done;
    expect(final.timing.actionAt).toBeDefined();
    const { metrics } = deriveAnswerMetrics(final);
    expect((metrics.ttft_from_action_ms ?? 0) - (metrics.ttft_ms ?? 0)).toBeGreaterThanOrEqual(39);
    run.retry();
    expect((await run.done).timing.actionAt).toBeUndefined();
  });
});
