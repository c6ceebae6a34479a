import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ContentTypeError,
  DisconnectedError,
  HttpError,
  NetworkError,
  RetryBudgetError,
  StallError,
} from './errors.ts';
import { backoffDelay, parseRetryAfter, resolveRetryPolicy } from './retry-policy.ts';
import { createManualClock, scriptedFetch, streamingResponse } from './test-fetch.ts';
import { openTransport, type TransportInit } from './transport.ts';
import type { TransportEvent } from './types.ts';

/** Runs the transport to its end on a manual clock; returns a compact event log and the error. */
async function run(
  fetch: typeof globalThis.fetch,
  init: Partial<TransportInit> & { completeOn?: string } = {},
) {
  const clock = createManualClock();
  const log: string[] = [];
  const { completeOn, ...rest } = init;
  if (completeOn !== undefined) rest.isComplete = () => log.includes(`message:${completeOn}`);
  const events: TransportEvent[] = [];
  let error: unknown;
  const done = (async () => {
    try {
      for await (const event of openTransport('http://test/s', {
        fetch,
        clock,
        body: '{}',
        method: 'POST',
        ...rest,
      })) {
        events.push(event);
        if (event.type === 'messages') log.push(...event.messages.map((m) => `message:${m.data}`));
        else log.push(event.type === 'retrying' ? `retrying:${event.kind}:${event.delayMs}` : event.type);
      }
    } catch (caught) {
      error = caught;
    }
  })();
  // Drive time until the transport finishes (timers only fire when we advance).
  let settled = false;
  void done.then(() => {
    settled = true;
  });
  for (let i = 0; i < 200 && !settled; i++) await clock.advance(250);
  await done;
  return { log, events, error, clock };
}

const rateLimited = (retryAfter?: string) =>
  new Response('{"error":"slow down"}', {
    status: 429,
    headers: retryAfter ? { 'retry-after': retryAfter } : {},
  });
const sse = (...steps: Parameters<typeof streamingResponse>[0]) => streamingResponse(steps);
const complete = (events: string[]) => () => events.includes('[DONE]');

describe('openTransport failures', () => {
  it('throws HttpError with status and excerpt on a non-retryable status, without retrying', async () => {
    const fetch = scriptedFetch([
      new Response('{"error":{"message":"bad model"}}', { status: 400, statusText: 'Bad Request' }),
    ]);
    const { error } = await run(fetch);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      name: 'HttpError',
      status: 400,
      bodyExcerpt: '{"error":{"message":"bad model"}}',
    });
    expect(fetch.requests).toHaveLength(1);
  });

  it("reads the provider's message out of a long, pretty-printed JSON error body", async () => {
    const body = JSON.stringify(
      {
        error: {
          message:
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens (129000 in the messages, 1512 in the functions). Please reduce the length of the messages or functions.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
      null,
      2,
    );
    expect(body.length).toBeGreaterThan(300);
    const fetch = scriptedFetch([new Response(body, { status: 400, statusText: 'Bad Request' })]);
    const { error } = await run(fetch);
    expect((error as HttpError).providerMessage).toMatch(/^This model's maximum context length/);
    expect((error as HttpError).message).toMatch(/^HTTP 400 Bad Request: This model's/);
    expect((error as HttpError).bodyExcerpt.length).toBeLessThanOrEqual(301);
  });

  it('honours Retry-After on 429 and then streams', async () => {
    const fetch = scriptedFetch([rateLimited('2'), sse('data: ok\n\n')]);
    const { log } = await run(fetch);
    expect(log).toEqual(['retrying:retry:2000', 'open', 'first-byte', 'message:ok']);
  });

  it("retries Anthropic's 529 overloaded_error like a 503", async () => {
    const overloaded = new Response(
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      {
        status: 529,
      },
    );
    const fetch = scriptedFetch([overloaded, sse('data: ok\n\n')]);
    const { log } = await run(fetch, { retry: { random: () => 0.5, baseDelayMs: 100 } });
    expect(log).toEqual(['retrying:retry:50', 'open', 'first-byte', 'message:ok']);
  });

  it('backs off with full jitter on 503 and gives up after the retry budget with the reason', async () => {
    const fetch = scriptedFetch([1, 2, 3, 4].map(() => new Response('busy', { status: 503 })));
    const { log, error } = await run(fetch, {
      retry: { maxRetries: 3, random: () => 0.5, baseDelayMs: 100 },
    });
    expect(log).toEqual(['retrying:retry:50', 'retrying:retry:100', 'retrying:retry:200']);
    expect(error).toBeInstanceOf(RetryBudgetError);
    expect((error as RetryBudgetError).attempts).toBe(4);
    expect((error as RetryBudgetError).cause).toBeInstanceOf(HttpError);
  });

  it('fails fast when Retry-After exceeds the wall-clock budget', async () => {
    const fetch = scriptedFetch([rateLimited('120')]);
    const { log, error, clock } = await run(fetch, { retry: { maxElapsedMs: 10_000 } });
    expect(log).toEqual([]);
    expect(error).toBeInstanceOf(RetryBudgetError);
    expect((error as Error).message).toMatch(/120000 ms would exceed/);
    expect(clock.now()).toBeLessThan(1000);
  });

  it('retries a refused connection, and with retry: false throws NetworkError at once', async () => {
    const refused = new TypeError('fetch failed: ECONNREFUSED');
    const retried = await run(scriptedFetch([refused, sse('data: a\n\n')]), { retry: { random: () => 0 } });
    expect(retried.log).toEqual(['retrying:retry:0', 'open', 'first-byte', 'message:a']);
    const failed = await run(scriptedFetch([refused]), { retry: false });
    expect(failed.error).toBeInstanceOf(NetworkError);
  });

  it('rejects a JSON body on a 200 with ContentTypeError', async () => {
    const fetch = scriptedFetch([Response.json({ choices: [] })]);
    const { error } = await run(fetch);
    expect(error).toBeInstanceOf(ContentTypeError);
    expect(error).toMatchObject({ contentType: 'application/json', bodyExcerpt: '{"choices":[]}' });
  });

  it('ends in DisconnectedError when the body ends early and events had no ids; never re-sends', async () => {
    const fetch = scriptedFetch([sse('data: a\n\n', 'data: b\n\n')]);
    const { error } = await run(fetch, { completeOn: '[DONE]' });
    expect(error).toBeInstanceOf(DisconnectedError);
    expect(error).toMatchObject({ reason: 'ended-early', lastEventId: undefined });
    expect(fetch.requests).toHaveLength(1);
  });

  it('ends normally when the connection fails or goes silent after the answer was complete', async () => {
    // e.g. Chat Completions after finish_reason: the body may end there (isComplete), so a
    // failed read or a stall after that point loses nothing.
    const failing = scriptedFetch([
      sse('data: a\n\n', 'data: end\n\n', { fail: new TypeError('terminated') }),
    ]);
    expect((await run(failing, { completeOn: 'end' })).error).toBeUndefined();
    const clock = createManualClock();
    const silent = scriptedFetch([streamingResponse(['data: end\n\n', { pauseMs: 60_000 }], { clock })]);
    const { error } = await run(silent, { completeOn: 'end', stallTimeoutMs: 1000, stallAbandonMs: 3000 });
    expect(error).toBeUndefined();
  });

  it('maps a body read failure to DisconnectedError(connection-lost)', async () => {
    const fetch = scriptedFetch([sse('data: a\n\n', { fail: new TypeError('terminated') })]);
    const { error, log } = await run(fetch);
    expect(log).toContain('message:a');
    expect(error).toMatchObject({ name: 'DisconnectedError', reason: 'connection-lost' });
  });

  it('does not re-send after a normal end', async () => {
    const fetch = scriptedFetch([sse('data: a\n\n', 'data: [DONE]\n\n')]);
    const seen: string[] = [];
    const clock = createManualClock();
    for await (const event of openTransport('http://t/', { fetch, clock, isComplete: complete(seen) })) {
      if (event.type === 'messages') seen.push(...event.messages.map((m) => m.data));
    }
    expect(seen).toEqual(['a', '[DONE]']);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('openTransport resume', () => {
  it('resumes a dropped stream with Last-Event-ID after the server retry hint; nothing lost or repeated', async () => {
    const fetch = scriptedFetch([
      sse('retry: 700\nid: 1\ndata: a\n\nid: 2\ndata: b\n\n'),
      (request) => {
        expect(request.headers.get('last-event-id')).toBe('2');
        return sse('id: 3\ndata: c\n\nid: 4\ndata: [DONE]\n\n');
      },
    ]);
    const { log } = await run(fetch, { completeOn: '[DONE]' });
    expect(log).toEqual([
      'open',
      'first-byte',
      'message:a',
      'message:b',
      'retrying:resume:700',
      'open',
      'first-byte',
      'message:c',
      'message:[DONE]',
    ]);
    expect(fetch.requests).toHaveLength(2);
  });

  it('detects a server that ignores Last-Event-ID and replays from the start', async () => {
    const fetch = scriptedFetch([sse('id: 1\ndata: a\n\n'), sse('id: 1\ndata: a\n\n')]);
    const { error, log } = await run(fetch, { isComplete: () => false });
    expect(log.filter((l) => l.startsWith('message'))).toEqual(['message:a']);
    expect(error).toMatchObject({ name: 'DisconnectedError', reason: 'resume-rejected' });
  });

  it('does not resume with retry: false', async () => {
    const fetch = scriptedFetch([sse('id: 1\ndata: a\n\n')]);
    const { error } = await run(fetch, { isComplete: () => false, retry: false });
    expect(error).toMatchObject({ name: 'DisconnectedError', lastEventId: '1' });
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('openTransport stall and abort', () => {
  it('reports stalled then unstalled when bytes resume within the abandon budget', async () => {
    const clock = createManualClock();
    const fetch = scriptedFetch([
      streamingResponse(['data: a\n\n', { pauseMs: 1500 }, 'data: b\n\n'], { clock }),
    ]);
    const log: string[] = [];
    const done = (async () => {
      for await (const e of openTransport('http://t/', {
        fetch,
        clock,
        stallTimeoutMs: 1000,
        stallAbandonMs: 5000,
      })) {
        if (e.type === 'messages') log.push(...e.messages.map((m) => m.data));
        else log.push(e.type);
      }
    })();
    await clock.advance(3000);
    await done;
    expect(log).toEqual(['open', 'first-byte', 'a', 'stalled', 'unstalled', 'b']);
  });

  it('turns stalled on keep-alive comments alone, stays connected through them, and unstalls on the next event', async () => {
    const clock = createManualClock();
    const comments = Array.from({ length: 15 }, () => [{ pauseMs: 200 }, ': keep-alive\n\n'] as const).flat();
    const fetch = scriptedFetch([streamingResponse(['data: a\n\n', ...comments, 'data: b\n\n'], { clock })]);
    const log: string[] = [];
    const done = (async () => {
      for await (const e of openTransport('http://t/', {
        fetch,
        clock,
        stallTimeoutMs: 1000,
        stallAbandonMs: 2000,
      })) {
        if (e.type === 'messages') log.push(...e.messages.map((m) => m.data));
        else log.push(e.type);
      }
    })();
    await clock.advance(4000);
    await done;
    // Three seconds of comments: stalled after one, never abandoned (bytes kept coming every 200 ms).
    expect(log).toEqual(['open', 'first-byte', 'a', 'stalled', 'unstalled', 'b']);
  });

  it('retries a request whose response never comes (silent before headers)', async () => {
    const hang = () => new Promise<Response>(() => {});
    const fetch = scriptedFetch([hang, sse('data: ok\n\n')]);
    const { log } = await run(fetch, {
      stallTimeoutMs: 1000,
      stallAbandonMs: 2000,
      retry: { random: () => 0 },
    });
    expect(log).toEqual(['stalled', 'retrying:retry:0', 'open', 'first-byte', 'message:ok']);
  });

  it('gives up a silent non-resumable stream with StallError and does not re-send', async () => {
    const clock = createManualClock();
    const fetch = scriptedFetch([streamingResponse(['data: a\n\n', { pauseMs: 60_000 }], { clock })]);
    const { error, log } = await run(fetch, {
      stallTimeoutMs: 1000,
      stallAbandonMs: 3000,
      isComplete: () => false,
    });
    expect(log).toEqual(['open', 'first-byte', 'message:a', 'stalled']);
    expect(error).toBeInstanceOf(StallError);
    expect(error).toMatchObject({ phase: 'mid-stream', silentForMs: 3000 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('gives up at stallAbandonMs even when stallTimeoutMs is larger or infinite (no stalled phase then)', async () => {
    for (const stallTimeoutMs of [Number.POSITIVE_INFINITY, 10_000]) {
      const clock = createManualClock();
      const fetch = scriptedFetch([streamingResponse(['data: a\n\n', { pauseMs: 120_000 }], { clock })]);
      const { error, log } = await run(fetch, {
        stallTimeoutMs,
        stallAbandonMs: 5000,
        isComplete: () => false,
      });
      expect(error).toBeInstanceOf(StallError);
      expect(error).toMatchObject({ silentForMs: 5000 });
      expect(log).not.toContain('stalled');
    }
  });

  it('fails with HttpError or ContentTypeError, not a hang, when the error body never ends', async () => {
    /** A response that sends `first` and then never another byte. */
    const endless = (status: number, first: string) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(first));
          },
        }),
        { status, headers: { 'content-type': 'application/json' } },
      );
    const http = await run(scriptedFetch([endless(400, '{"error": "bad')]), { stallTimeoutMs: 1000 });
    expect(http.error).toBeInstanceOf(HttpError);
    expect(http.error).toMatchObject({ status: 400, bodyExcerpt: '{"error": "bad' });
    expect(http.clock.pending).toBe(0);
    const json = await run(scriptedFetch([endless(200, '{"id": 1')]), { stallTimeoutMs: 1000 });
    expect(json.error).toBeInstanceOf(ContentTypeError);
    expect(json.clock.pending).toBe(0);
  });

  it('does not keep the chunks it has read while the connection stays open', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let first: WeakRef<Uint8Array> | undefined;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = new TextEncoder().encode(`data: ${sent++}\n\n`);
        first ??= new WeakRef(chunk);
        controller.enqueue(chunk);
      },
    });
    const fetch = scriptedFetch([new Response(body, { headers: { 'content-type': 'text/event-stream' } })]);
    let held: boolean | undefined;
    let reads = 0;
    for await (const event of openTransport('http://t/', { fetch, clock: createManualClock() })) {
      if (event.type !== 'messages' || ++reads < 20) continue;
      await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
      held = first?.deref() !== undefined;
      break;
    }
    // Racing every read against one long-lived abort promise kept every chunk reachable.
    expect(held).toBe(false);
  });

  it('abort ends the stream, cancels the body and clears timers; never re-sends', async () => {
    const clock = createManualClock();
    let cancelled = false;
    const controller = new AbortController();
    const fetch = scriptedFetch([
      streamingResponse(['id: 1\ndata: a\n\n', { pauseMs: 10_000 }, 'data: b\n\n'], {
        clock,
        onCancel: () => {
          cancelled = true;
        },
      }),
    ]);
    const seen: string[] = [];
    let error: unknown;
    const done = (async () => {
      try {
        for await (const e of openTransport('http://t/', {
          fetch,
          clock,
          signal: controller.signal,
          isComplete: () => false,
        })) {
          if (e.type === 'messages') seen.push(...e.messages.map((m) => m.data));
        }
      } catch (caught) {
        error = caught;
      }
    })();
    await clock.advance(100);
    controller.abort();
    await done;
    await clock.advance(0);
    expect(seen).toEqual(['a']);
    expect((error as Error).name).toBe('AbortError');
    expect(cancelled).toBe(true);
    // Only the body's own pause timer (test double) may remain; no watchdog or backoff timer.
    expect(clock.pending).toBeLessThanOrEqual(1);
    await clock.advance(20_000);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('retry policy', () => {
  it('computes full-jitter backoff under a doubling, capped ceiling', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n))).toEqual([99, 199, 399, 799, 999]);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    // Not seconds and not an HTTP date: ignored (normal backoff), never an immediate retry.
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter('2024')).toBe(2_024_000);
  });

  it('keeps the defaults for fields given as undefined', () => {
    const policy = resolveRetryPolicy({
      maxRetries: undefined,
      random: undefined,
      retryStatuses: undefined,
    } as never);
    const defaults = resolveRetryPolicy(undefined);
    expect(policy.maxRetries).toBe(defaults.maxRetries);
    expect(policy.random).toBe(defaults.random);
    expect(policy.retryStatuses).toBe(defaults.retryStatuses);
  });
});
