import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetBudgetWarningForTests } from './budget-warning.ts';
import { type BeaconSend, createBeaconReporter, defaultBeaconSend, type FlushReason } from './reporter.ts';
import { type AnswerEvent, MAX_BEACON_BYTES } from './schema.ts';
import { validateBeacon } from './validate.ts';

let sequence = 0;
function answer(extra: Partial<AnswerEvent> = {}): AnswerEvent {
  sequence++;
  return {
    type: 'answer',
    request_id: `r-${sequence}`,
    at: 1_800_000_000_000,
    outcome: 'done',
    tags: {},
    metrics: { ttft_ms: 100 + sequence },
    ...extra,
  };
}

/** A transport that records what it is given and answers `accept`. */
function recorder(accept: boolean | (() => boolean) = true) {
  const sent: Array<{ body: string; reason: FlushReason; events: AnswerEvent[] }> = [];
  const send: BeaconSend = (_url, body, reason) => {
    sent.push({ body, reason, events: (JSON.parse(body) as { events: AnswerEvent[] }).events });
    return typeof accept === 'function' ? accept() : accept;
  };
  return { sent, send };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createBeaconReporter', () => {
  it('sends a full batch at once, as a valid beacon body carrying the tags', async () => {
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({
      url: '/v1/beacon',
      send,
      maxBatchEvents: 3,
      tags: { feature: 'chat', model: 'default' },
    });
    for (let i = 0; i < 3; i++) reporter.report(answer({ tags: { model: 'gpt-4.1' } }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.reason).toBe('size');
    const parsed = validateBeacon(JSON.parse(sent[0]?.body ?? ''));
    expect(parsed.ok && parsed.batch.events).toHaveLength(3);
    expect(parsed.ok && parsed.batch.session_id).toBe(reporter.sessionId);
    expect(sent[0]?.events[0]?.tags).toMatchObject({ feature: 'chat', model: 'gpt-4.1' });
  });

  it('sends a partial batch after the interval', async () => {
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({ url: '/v1/beacon', send, flushIntervalMs: 5_000 });
    reporter.report(answer());
    vi.advanceTimersByTime(4_999);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent.map((s) => s.reason)).toEqual(['interval']);
  });

  it('flushes when the page is hidden and on pagehide, and stops listening when closed', () => {
    const page = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', document);
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({ url: '/v1/beacon', send });
    reporter.report(answer());
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sent).toHaveLength(0); // still visible
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sent.map((s) => s.reason)).toEqual(['hidden']);
    reporter.report(answer());
    page.dispatchEvent(new Event('pagehide'));
    expect(sent.map((s) => s.reason)).toEqual(['hidden', 'hidden']);
    reporter.close();
    reporter.report(answer());
    page.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(2);
  });

  it('splits a flush into bodies under 64 KiB of UTF-8, never cutting an event, each delivered once', () => {
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({ url: '/v1/beacon', send, maxBatchEvents: 500, maxQueue: 500 });
    // Multi-byte text: counting characters instead of bytes would overflow.
    const wide = 'é😀'.repeat(40);
    const events = Array.from({ length: 150 }, (_, i) =>
      answer({ tags: Object.fromEntries(Array.from({ length: 8 }, (_, t) => [`tag_${t}`, `${wide}${i}`])) }),
    );
    for (const event of events) reporter.report(event);
    reporter.flush();
    expect(sent.length).toBeGreaterThan(1);
    for (const { body } of sent) {
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
      const parsed = validateBeacon(JSON.parse(body));
      expect(parsed.ok && parsed.rejected).toEqual([]);
    }
    expect(sent.flatMap((s) => s.events.map((e) => e.request_id))).toEqual(events.map((e) => e.request_id));
  });

  it('drops and counts an event that alone is over the limit', () => {
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({ url: '/v1/beacon', send });
    reporter.report(answer({ flags: Array.from({ length: 300 }, () => 'x'.repeat(250)) }));
    reporter.report(answer());
    reporter.flush();
    expect(sent.flatMap((s) => s.events)).toHaveLength(1);
    expect(reporter.dropped).toBe(1);
  });

  it('samples whole sessions: an unsampled one sends nothing', () => {
    const { sent, send } = recorder();
    const reporter = createBeaconReporter({ url: '/v1/beacon', send, sampleRate: 0.5, random: () => 0.7 });
    expect(reporter.sampled).toBe(false);
    reporter.report(answer());
    reporter.flush();
    expect(sent).toHaveLength(0);
    expect(
      createBeaconReporter({ url: '/v1/beacon', send, sampleRate: 0.5, random: () => 0.3 }).sampled,
    ).toBe(true);
  });

  it('keeps unsent events for the next batch, in a bounded queue that drops the oldest and counts them', async () => {
    let online = false;
    const { sent, send } = recorder(() => online);
    const reporter = createBeaconReporter({ url: '/v1/beacon', send, maxQueue: 5, maxBatchEvents: 500 });
    const events = Array.from({ length: 8 }, () => answer());
    for (const event of events) reporter.report(event);
    expect(reporter.dropped).toBe(3);
    reporter.flush();
    await vi.advanceTimersByTimeAsync(0);
    online = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.at(-1)?.events.map((e) => e.request_id)).toEqual(events.slice(3).map((e) => e.request_id));
  });

  it('never throws into the app: a throwing transport, an event that cannot be serialized', async () => {
    const reporter = createBeaconReporter({
      url: '/v1/beacon',
      send: () => {
        throw new Error('transport broke');
      },
      maxBatchEvents: 1,
    });
    expect(() => reporter.report(answer())).not.toThrow();
    const cyclic = answer() as AnswerEvent & { self?: unknown };
    cyclic.self = cyclic;
    expect(() => reporter.report(cyclic)).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(reporter.dropped).toBe(2);
  });
});

describe('defaultBeaconSend', () => {
  it('uses sendBeacon with a text/plain body on hide, fetch with keepalive otherwise', async () => {
    const beacons: Blob[] = [];
    vi.stubGlobal('navigator', { sendBeacon: (_url: string, blob: Blob) => beacons.push(blob) > 0 });
    const requests: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      requests.push(init);
      return new Response(null, { status: 202 });
    });
    expect(defaultBeaconSend('/v1/beacon', '{"v":1}', 'hidden')).toBe(true);
    expect(beacons[0]?.type).toBe('text/plain;charset=utf-8');
    expect(await defaultBeaconSend('/v1/beacon', '{"v":1}', 'interval')).toBe(true);
    expect(requests[0]).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(new Headers(requests[0]?.headers).get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('says a batch was not sent where the browser has no way to send it, without throwing', () => {
    vi.stubGlobal('navigator', undefined);
    vi.stubGlobal('fetch', undefined);
    expect(defaultBeaconSend('/v1/beacon', '{}', 'hidden')).toBe(false);
  });
});

describe('a breached budget in development', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    resetBudgetWarningForTests();
  });

  const over = (value: number) =>
    answer({ breaches: [{ budget: 'ttft_ms', value_ms: value, budget_ms: 3000 }] });

  it('warns once per page, naming the budget and figure, even in a session not sampled', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { send } = recorder();
    const reporter = createBeaconReporter({ url: '/b', send, sampleRate: 0 });
    reporter.report(answer());
    expect(warn).not.toHaveBeenCalled();
    reporter.report(over(4200));
    reporter.report(over(5100));
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain('ttft_ms 4200 ms (budget 3000 ms)');
  });

  it('never warns in a production build', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createBeaconReporter({ url: '/b', send: recorder().send }).report(over(4200));
    expect(warn).not.toHaveBeenCalled();
  });
});
