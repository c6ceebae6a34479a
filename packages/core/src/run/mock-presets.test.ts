/**
 * Every mock preset driven through `startStream` against `@tokenpaint/mock-llm`
 * (in-process fetch): the state sequence and the final text. Timings are shrunk
 * through the query string so the whole file runs in about a second.
 */
import { createMockFetch, PRESET_NAMES, SCRIPTS } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { MalformedEventError } from '../protocols/errors.ts';
import { DisconnectedError, HttpError, RetryBudgetError, StallError } from '../sse/errors.ts';
import { createManualClock } from '../sse/test-fetch.ts';
import type { StartStreamOptions } from './options.ts';
import { startStream } from './start-stream.ts';
import type { StreamSnapshot, StreamStatus } from './types.ts';

const ENDPOINTS = {
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
  anthropic: '/v1/messages',
  'ai-sdk': '/api/chat',
  text: '/v1/text',
} as const;

type Endpoint = keyof typeof ENDPOINTS;
const FULL = SCRIPTS.text.text;
const body = { model: 'mock', stream: true, messages: [{ role: 'user', content: 'hi' }] };

async function drive(
  endpoint: Endpoint,
  query: string,
  options: Partial<StartStreamOptions> = {},
  fetch = createMockFetch({ retryMs: 10 }),
): Promise<{ final: StreamSnapshot; statuses: StreamStatus[] }> {
  const run = startStream({ url: `http://mock${ENDPOINTS[endpoint]}?${query}`, body, fetch, ...options });
  const statuses: StreamStatus[] = [run.getSnapshot().status];
  run.subscribe(() => {
    const { status } = run.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return { final: await run.done, statuses };
}

const QUICK = 'ttft=5&tps=3000';

/**
 * The mock re-applies `dropAt`/`stallAt` to the resumed request, and its first token
 * is exactly that index, so it would fault again forever. A network fault is a
 * one-off: the resumed request goes out without it.
 */
function transientFaults(): typeof fetch {
  const mock = createMockFetch({ retryMs: 10 });
  return (input, init) => {
    const url = new URL(String(input));
    if (new Headers(init?.headers).has('last-event-id')) {
      url.searchParams.set('dropAt', 'off');
      url.searchParams.set('stallAt', 'off');
    }
    return mock(url, init);
  };
}
const NORMAL_FLOW = ['connecting', 'waiting', 'streaming', 'done'];

describe('mock presets through startStream', () => {
  it('covers every preset the mock defines', () => {
    const tested = [
      'instant',
      'fast',
      'typical',
      'slow-3g',
      'bursty',
      'stall',
      'buffered-proxy',
      'drop',
      'rate-limited',
      'malformed',
    ];
    expect([...PRESET_NAMES].sort()).toEqual(tested.sort());
  });

  for (const preset of ['instant', 'fast', 'typical', 'slow-3g', 'bursty'] as const) {
    for (const endpoint of Object.keys(ENDPOINTS) as Endpoint[]) {
      it(`${preset} on ${endpoint}: normal flow, full text`, async () => {
        const { final, statuses } = await drive(endpoint, `preset=${preset}&${QUICK}`);
        expect(statuses).toEqual(NORMAL_FLOW);
        expect(final).toMatchObject({ status: 'done', protocol: endpoint, text: FULL });
        expect(final.timing.tokenArrivals.length).toBeGreaterThan(10);
      });
    }
  }

  it('bursty: several tokens arrive per network write', async () => {
    const { final } = await drive('openai-chat', `preset=bursty&burst=8&ttft=5&tps=400`);
    const arrivals = final.timing.tokenArrivals;
    const sameTick = arrivals.filter((t, i) => i > 0 && t - arrivals[i - 1]! < 1).length;
    expect(sameTick / arrivals.length).toBeGreaterThan(0.5);
  });

  it('buffered-proxy: waiting until the whole body lands at once, then done', async () => {
    const { final, statuses } = await drive('anthropic', `preset=buffered-proxy&${QUICK}`);
    expect(statuses).toEqual(NORMAL_FLOW);
    expect(final.text).toBe(FULL);
    const arrivals = final.timing.tokenArrivals;
    expect(arrivals.at(-1)! - arrivals[0]!).toBeLessThan(50);
  });

  it('stall shorter than the abandon budget: stalled, then streaming again, full text', async () => {
    const { final, statuses } = await drive('openai-chat', `preset=stall&stallAt=5&stallMs=150&${QUICK}`, {
      stallTimeoutMs: 50,
      stallAbandonMs: 2000,
    });
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'stalled', 'streaming', 'done']);
    expect(final.text).toBe(FULL);
  });

  it('stall past the budget on a non-resumable stream: StallError, text kept', async () => {
    const { final, statuses } = await drive('anthropic', `preset=stall&stallAt=5&stallMs=5000&${QUICK}`, {
      stallTimeoutMs: 30,
      stallAbandonMs: 90,
    });
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'stalled', 'error']);
    expect(final.error).toBeInstanceOf(StallError);
    expect(final.text.length).toBeGreaterThan(0);
    expect(FULL.startsWith(final.text)).toBe(true);
  });

  it('stall past the budget on a resumable stream: resumed, full text', async () => {
    const { final, statuses } = await drive(
      'openai-responses',
      `preset=stall&stallAt=5&stallMs=5000&resumable=1&${QUICK}`,
      { stallTimeoutMs: 30, stallAbandonMs: 90 },
      transientFaults(),
    );
    expect(statuses).toEqual([
      'connecting',
      'waiting',
      'streaming',
      'stalled',
      'retrying',
      'streaming',
      'done',
    ]);
    expect(final.text).toBe(FULL);
  });

  it('drop on a non-resumable stream: DisconnectedError with the text so far, request not re-sent', async () => {
    let requests = 0;
    const mock = createMockFetch();
    const counting: typeof fetch = (input, init) => {
      requests++;
      return mock(input as RequestInfo, init);
    };
    const { final, statuses } = await drive('openai-chat', `preset=drop&dropAt=10&${QUICK}`, {}, counting);
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'error']);
    expect(final.error).toBeInstanceOf(DisconnectedError);
    expect(final.text.length).toBeGreaterThan(0);
    expect(FULL.startsWith(final.text)).toBe(true);
    expect(requests).toBe(1);
  });

  for (const endpoint of ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as const) {
    it(`drop on a resumable ${endpoint} stream: resumed from Last-Event-ID, no token lost or repeated`, async () => {
      const { final, statuses } = await drive(
        endpoint,
        `preset=drop&dropAt=10&resumable=1&${QUICK}`,
        {},
        transientFaults(),
      );
      expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'retrying', 'streaming', 'done']);
      expect(final.text).toBe(FULL);
    });
  }

  it('rate-limited: retrying with the Retry-After countdown, then streams', async () => {
    const clock = createManualClock();
    const mock = createMockFetch();
    let calls = 0;
    // The first attempt is rate limited; the retry is served normally (as a real limiter would).
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = new URL(String(input));
      if (calls++ > 0) url.searchParams.set('preset', 'instant');
      return mock(url, init);
    };
    const run = startStream({ url: `http://mock/v1/messages?preset=rate-limited`, body, fetch, clock });
    const seen: StreamSnapshot[] = [];
    run.subscribe(() => seen.push(run.getSnapshot()));
    for (let i = 0; i < 100 && calls < 2; i++) await clock.advance(100);
    const final = await run.done;
    const retrying = seen.find((s) => s.status === 'retrying');
    expect(retrying?.retry).toMatchObject({ attempt: 1, nextAttemptAt: 2000 });
    expect(retrying?.retry?.reason).toMatch(/429/);
    expect(final).toMatchObject({ status: 'done', text: FULL });
  });

  it('rate-limited on every attempt: RetryBudgetError with the 429 as cause', async () => {
    const { final, statuses } = await drive('openai-chat', 'preset=rate-limited&retryAfter=0', {
      retry: { maxRetries: 2 },
    });
    expect(statuses).toEqual(['connecting', 'retrying', 'error']);
    expect(final.error).toBeInstanceOf(RetryBudgetError);
    expect((final.error as RetryBudgetError).cause).toMatchObject({ status: 429 });
  });

  it('a non-retryable status (500) fails at once with HttpError', async () => {
    const { final } = await drive('openai-chat', 'status=500');
    expect(final.error).toBeInstanceOf(HttpError);
    expect((final.error as HttpError).bodyExcerpt.length).toBeGreaterThan(0);
  });

  for (const endpoint of ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as const) {
    it(`malformed on ${endpoint}: MalformedEventError, text kept`, async () => {
      const { final, statuses } = await drive(endpoint, `preset=malformed&malformedAt=6&${QUICK}`);
      expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'error']);
      expect(final.error).toBeInstanceOf(MalformedEventError);
      expect(final.text.length).toBeGreaterThan(0);
      expect(FULL.startsWith(final.text)).toBe(true);
    });
  }
});

describe('mock scripts through startStream', () => {
  for (const endpoint of ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'] as const) {
    it(`${endpoint}: reasoning, tool calls and parallel tool calls match the script`, async () => {
      for (const script of ['reasoning', 'tool-call', 'parallel-tools'] as const) {
        const expected = SCRIPTS[script];
        const { final, statuses } = await drive(endpoint, `preset=instant&script=${script}`);
        expect(final.status).toBe('done');
        expect(final.text).toBe(expected.text);
        expect(final.reasoning).toBe(expected.reasoning);
        expect(final.toolCalls.map((c) => [c.name, c.argsText])).toEqual(
          expected.toolCalls.map((c) => [c.name, c.arguments]),
        );
        if (expected.toolCalls.length > 0) expect(statuses).toContain('tool-running');
      }
    });
  }
});
