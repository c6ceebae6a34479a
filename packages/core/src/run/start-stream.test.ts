import { describe, expect, it } from 'vitest';
import { MalformedEventError, ProtocolDetectionError, ProviderError } from '../protocols/errors.ts';
import * as fx from '../protocols/test-fixtures.ts';
import { sse } from '../protocols/test-sse-body.ts';
import { DisconnectedError, HttpError } from '../sse/errors.ts';
import { createManualClock, type ManualClock, scriptedFetch, streamingResponse } from '../sse/test-fetch.ts';
import type { StartStreamOptions } from './options.ts';
import { startStream } from './start-stream.ts';
import type { StreamRun, StreamStatus } from './types.ts';

/** Starts a run on a manual clock and records every status change. */
function begin(fetch: typeof globalThis.fetch, options: Partial<StartStreamOptions> = {}) {
  const clock = options.clock ? (options.clock as ManualClock) : createManualClock();
  const run = startStream({ url: 'http://test/chat', body: { q: 1 }, fetch, clock, ...options });
  const statuses: StreamStatus[] = [run.getSnapshot().status];
  run.subscribe(() => {
    const { status } = run.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return { run, statuses, clock };
}

/** Advances the manual clock until the run settles. */
async function settle(run: StreamRun, clock: ManualClock, stepMs = 100) {
  let settled = false;
  void run.done.then(() => {
    settled = true;
  });
  for (let i = 0; i < 1000 && !settled; i++) await clock.advance(stepMs);
  return run.done;
}

const chunks = (text: string, size: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
};

describe('startStream', () => {
  it('goes connecting → waiting → streaming → done with text, usage and timing', async () => {
    const fetch = scriptedFetch([streamingResponse(chunks(fx.OPENAI_CHAT_TEXT, 97))]);
    const { run, statuses, clock } = begin(fetch);
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'done']);
    expect(final).toMatchObject({
      status: 'done',
      protocol: 'openai-chat',
      text: 'Hello there!',
      finishReason: 'stop',
    });
    expect(final.usage).toEqual({ inputTokens: 9, outputTokens: 3 });
    const { timing } = final;
    expect(timing.tokenArrivals).toHaveLength(2);
    for (const key of ['responseHeaders', 'firstByte', 'firstToken', 'end'] as const)
      expect(timing[key]).toBeTypeOf('number');
    expect(await fetch.requests[0]!.text()).toBe('{"q":1}');
    expect(fetch.requests[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('builds snapshots lazily and returns the same object until something changes', async () => {
    const body = Array.from(
      { length: 1000 },
      (_, i) =>
        `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ delta: { content: `${i},` } }] })}\n\n`,
    );
    const fetch = scriptedFetch([streamingResponse([body.join(''), 'data: [DONE]\n\n'])]);
    const clock = createManualClock();
    const run = startStream({ url: 'http://t/', fetch, clock });
    const first = run.getSnapshot();
    expect(run.getSnapshot()).toBe(first);
    let notified = 0;
    run.subscribe(() => notified++);
    const final = await settle(run, clock);
    expect(notified).toBeGreaterThanOrEqual(1000); // synchronous per part
    expect(run.getSnapshot()).toBe(final);
    expect(final.text.split(',')).toHaveLength(1001);
    expect(Object.isFrozen(final)).toBe(true);
    expect(first.text).toBe('');
  });

  it('reports tool-running with the tool names for parallel calls', async () => {
    const fetch = scriptedFetch([streamingResponse([fx.OPENAI_CHAT_PARALLEL_TOOLS])]);
    const { run, statuses, clock } = begin(fetch);
    const names: string[][] = [];
    run.subscribe(() => {
      const s = run.getSnapshot();
      if (s.status === 'tool-running') names.push(s.toolCalls.map((c) => c.name));
    });
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'waiting', 'tool-running', 'done']);
    expect(names[0]).toEqual(['get_weather']);
    expect(final.toolCalls.map((c) => [c.id, c.name, c.argsText, c.state])).toEqual([
      ['call_a', 'get_weather', '{"location":"Paris"}', 'args-complete'],
      ['call_b', 'get_time', '{"tz":"CET"}', 'args-complete'],
    ]);
    expect(final.toolCalls.map((c) => c.args)).toEqual([{ location: 'Paris' }, { tz: 'CET' }]);
    expect(final.finishReason).toBe('tool-calls');
  });

  it('returns to tool-running after a resume whose connection was slow to answer', async () => {
    const clock = createManualClock();
    const tool = (fields: object) =>
      `id: ${JSON.stringify(fields).length}\ndata: ${JSON.stringify({
        object: 'chat.completion.chunk',
        choices: [{ delta: { tool_calls: [{ index: 0, ...fields }] } }],
      })}\n\n`;
    const fetch = scriptedFetch([
      streamingResponse([tool({ id: 'c1', function: { name: 'search', arguments: '{"q"' } })]),
      () =>
        new Promise<Response>((resolve) =>
          clock.setTimeout(
            () =>
              resolve(
                streamingResponse([tool({ function: { arguments: ': 1}' } }), { pauseMs: 60_000 }], {
                  clock,
                }),
              ),
            1500,
          ),
        ),
    ]);
    const { run, statuses } = begin(fetch, {
      clock,
      stallTimeoutMs: 1000,
      stallAbandonMs: 5000,
      retry: { random: () => 0 },
    });
    for (let i = 0; i < 30; i++) await clock.advance(100);
    expect(statuses.slice(0, 7)).toEqual([
      'connecting',
      'waiting',
      'tool-running',
      'retrying',
      'stalled', // the resume's request gets no answer for a while
      'retrying',
      'tool-running', // not `streaming`: the call is still being streamed
    ]);
    expect(run.getSnapshot().toolCalls[0]?.argsText).toBe('{"q": 1}');
    run.abort();
  });

  it('shows live partial tool arguments and validates them against toolSchemas', async () => {
    const fetch = scriptedFetch([streamingResponse([fx.ANTHROPIC_THINKING_TOOL])]);
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) =>
          typeof (value as { location?: unknown }).location === 'number'
            ? { value }
            : { issues: [{ message: 'location must be a number' }] },
      },
    };
    const { run, clock } = begin(fetch, { toolSchemas: { get_weather: schema } });
    const partials: unknown[] = [];
    run.subscribe(() => {
      const call = run.getSnapshot().toolCalls[0];
      if (call && partials.at(-1) !== call.args) partials.push(call.args);
    });
    const final = await settle(run, clock);
    expect(partials).toContainEqual({ location: 'San Fra' });
    expect(final.toolCalls[0]).toMatchObject({
      args: { location: 'San Francisco, CA' },
      state: 'args-complete',
    });
    expect(final.toolCalls[0]!.error?.message).toMatch(/location must be a number/);
  });

  it('ends in error on a provider error event and keeps the text', async () => {
    const { run, clock } = begin(scriptedFetch([streamingResponse([fx.ANTHROPIC_ERROR])]));
    const final = await settle(run, clock);
    expect(final.status).toBe('error');
    expect(final.error).toBeInstanceOf(ProviderError);
    expect(final.error).toMatchObject({ code: 'overloaded_error' });
    expect(final.text).toBe('Par');
  });

  it('ends in MalformedEventError and keeps the text', async () => {
    const body =
      'data: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"ok"}}]}\n\ndata: {"choices":[\n\n';
    const { run, clock } = begin(scriptedFetch([streamingResponse([body])]));
    const final = await settle(run, clock);
    expect(final).toMatchObject({ status: 'error', text: 'ok' });
    expect(final.error).toBeInstanceOf(MalformedEventError);
  });

  it('aborts synchronously, keeps the text, releases the body and never re-sends', async () => {
    const clock = createManualClock();
    let cancelled = false;
    const response = streamingResponse(
      [
        'id: 1\ndata: {"object":"chat.completion.chunk","choices":[{"delta":{"content":"Hi"}}]}\n\n',
        { pauseMs: 60_000 },
      ],
      { clock, onCancel: () => (cancelled = true) },
    );
    const fetch = scriptedFetch([response]);
    const { run, statuses } = begin(fetch, { clock });
    await clock.advance(10);
    expect(run.getSnapshot().text).toBe('Hi');
    run.abort();
    expect(run.getSnapshot().status).toBe('aborted');
    const final = await run.done;
    await clock.advance(120_000);
    expect(final).toMatchObject({ status: 'aborted', text: 'Hi' });
    expect(statuses.at(-1)).toBe('aborted');
    expect(cancelled).toBe(true);
    expect(fetch.requests).toHaveLength(1);
  });

  it('applies nothing after a listener aborts in the middle of a read', async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ delta: { content } }] })}\n\n`;
    const fetch = scriptedFetch([
      streamingResponse([`${chunk('a')}${chunk('b')}${chunk('c')}data: [DONE]\n\n`]),
    ]);
    const { run, clock } = begin(fetch);
    run.subscribe(() => {
      if (run.getSnapshot().text === 'a') run.abort();
    });
    const final = await settle(run, clock);
    expect(final).toMatchObject({ status: 'aborted', text: 'a' });
    expect(run.getSnapshot()).toBe(final);
  });

  it('ends in error, not a hang, when the request cannot be built', async () => {
    const fetch = scriptedFetch([]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const options of [{ body: cyclic }, { headers: { 'bad header': 'x' } }]) {
      const { run, clock } = begin(fetch, options);
      const final = await settle(run, clock);
      expect(final.status).toBe('error');
      expect(final.error).toBeInstanceOf(TypeError);
    }
    expect(fetch.requests).toHaveLength(0);
  });

  it('aborts through an external signal', async () => {
    const controller = new AbortController();
    const clock = createManualClock();
    const { run } = begin(scriptedFetch([streamingResponse([{ pauseMs: 60_000 }], { clock })]), {
      clock,
      signal: controller.signal,
    });
    await clock.advance(10);
    controller.abort();
    expect((await run.done).status).toBe('aborted');
  });

  it('shows retrying with a countdown on 429 and then streams', async () => {
    const fetch = scriptedFetch([
      new Response('rate limited', { status: 429, headers: { 'retry-after': '1' } }),
      streamingResponse([fx.ANTHROPIC_TEXT]),
    ]);
    const { run, statuses, clock } = begin(fetch);
    let retry: unknown;
    run.subscribe(() => {
      retry ??= run.getSnapshot().retry;
    });
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'retrying', 'waiting', 'streaming', 'done']);
    expect(retry).toEqual({ attempt: 1, nextAttemptAt: 1000, reason: 'HTTP 429: rate limited' });
    expect(final.text).toBe('Hello!');
    expect(final.retry).toBeUndefined();
  });

  it('ends in HttpError without retrying a 400', async () => {
    const { run, clock } = begin(scriptedFetch([new Response('{"error":"bad"}', { status: 400 })]));
    const final = await settle(run, clock);
    expect(final.status).toBe('error');
    expect(final.error).toBeInstanceOf(HttpError);
  });

  it('goes stalled and back to streaming when bytes resume', async () => {
    const clock = createManualClock();
    const [head, tail] = [fx.ANTHROPIC_TEXT.slice(0, 600), fx.ANTHROPIC_TEXT.slice(600)];
    const fetch = scriptedFetch([streamingResponse([head, { pauseMs: 2500 }, tail], { clock })]);
    const { run, statuses } = begin(fetch, { clock, stallTimeoutMs: 1000, stallAbandonMs: 10_000 });
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'stalled', 'streaming', 'done']);
    expect(final.text).toBe('Hello!');
  });

  it('resumes a dropped stream with ids: the final text equals the uninterrupted text', async () => {
    const events = fx.OPENAI_CHAT_TEXT.split('\n\n')
      .filter(Boolean)
      .map((e, i) => `id: ${i}\n${e}\n\n`);
    const fetch = scriptedFetch([
      streamingResponse([events.slice(0, 3).join('')]),
      (request) => streamingResponse(events.slice(Number(request.headers.get('last-event-id')) + 1)),
    ]);
    const { run, statuses, clock } = begin(fetch);
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'retrying', 'streaming', 'done']);
    expect(final.text).toBe('Hello there!');
    expect(fetch.requests[1]!.headers.get('last-event-id')).toBe('2');
  });

  describe('a resume answered by a new generation ends resume-rejected, the text shown once', () => {
    /** A fixture's events, each with an `id:` line made by `idOf`. */
    const withIds = (body: string, idOf: (k: number) => string) =>
      body
        .split('\n\n')
        .filter(Boolean)
        .map((event, k) => `id: ${idOf(k)}\n${event}\n\n`);
    const cases = [
      ['OpenAI Chat Completions', fx.OPENAI_CHAT_TEXT, 2, 'Hello'],
      ['OpenAI Responses', fx.OPENAI_RESPONSES, 6, undefined],
      ['Anthropic', fx.ANTHROPIC_TEXT, 4, 'Hello'],
      ['AI SDK', fx.AI_SDK_STREAM, 8, 'Let me check.'],
    ] as const;

    for (const [format, body, cut, shown] of cases) {
      it(`${format}: the server starts over under new event ids`, async () => {
        const first = withIds(body, (k) => `a-${k}`);
        const fetch = scriptedFetch([
          streamingResponse([first.slice(0, cut).join('')]),
          streamingResponse(withIds(body, (k) => `b-${k}`)),
        ]);
        const { run, clock } = begin(fetch);
        const final = await settle(run, clock);
        expect(fetch.requests[1]!.headers.get('last-event-id')).toBe(`a-${cut - 1}`);
        expect(final.status).toBe('error');
        expect(final.error).toMatchObject({ name: 'DisconnectedError', reason: 'resume-rejected' });
        expect((final.error as DisconnectedError).lastEventId).toBe(`a-${cut - 1}`);
        const alone = begin(scriptedFetch([streamingResponse([first.slice(0, cut).join('')])]), {
          retry: false,
        });
        const before = await settle(alone.run, alone.clock);
        expect(final.text).toBe(before.text); // what the first connection showed, once
        if (shown !== undefined) expect(final.text).toBe(shown);
      });

      it(`${format}: the server starts over with no event ids`, async () => {
        const fetch = scriptedFetch([
          streamingResponse([
            withIds(body, (k) => `a-${k}`)
              .slice(0, cut)
              .join(''),
          ]),
          streamingResponse([body]),
        ]);
        const { run, clock } = begin(fetch);
        const final = await settle(run, clock);
        expect(final.error).toMatchObject({ name: 'DisconnectedError', reason: 'resume-rejected' });
        if (shown !== undefined) expect(final.text).toBe(shown);
      });
    }

    it('Chat Completions: a continuation with new ids but a new completion id is a new generation', async () => {
      const events = withIds(fx.OPENAI_CHAT_TEXT, (k) => `${k}`);
      const restarted = withIds(
        fx.OPENAI_CHAT_TEXT.replaceAll('chatcmpl-123', 'chatcmpl-456'),
        (k) => `${k}`,
      );
      const fetch = scriptedFetch([
        streamingResponse([events.slice(0, 2).join('')]),
        streamingResponse(restarted.slice(2)),
      ]);
      const { run, clock } = begin(fetch);
      const final = await settle(run, clock);
      expect(final.error).toMatchObject({ name: 'DisconnectedError', reason: 'resume-rejected' });
      expect(final.text).toBe('Hello');
    });
  });

  it('an AI SDK reset-step discards what its step added, and the retried step may reuse its tool call ids', async () => {
    const chunk = (value: object) => [undefined, value] as const;
    const body = sse([
      chunk({ type: 'start', messageId: 'm1' }),
      chunk({ type: 'start-step' }),
      chunk({ type: 'text-delta', id: 't1', delta: 'Checking. ' }),
      chunk({ type: 'tool-input-available', toolCallId: 'a', toolName: 'lookup', input: { q: 1 } }),
      chunk({ type: 'tool-output-available', toolCallId: 'a', output: 'ok' }),
      chunk({ type: 'finish-step' }),
      chunk({ type: 'start-step' }),
      chunk({ type: 'reasoning-delta', id: 'r1', delta: 'hmm' }),
      chunk({ type: 'text-delta', id: 't2', delta: 'A draft that is thrown away' }),
      chunk({ type: 'tool-input-start', toolCallId: 'b', toolName: 'search' }),
      chunk({ type: 'tool-input-delta', toolCallId: 'b', inputTextDelta: '{"q": "dra' }),
      chunk({ type: 'reset-step' }),
      chunk({ type: 'text-delta', id: 't3', delta: 'Found it.' }),
      chunk({ type: 'tool-input-start', toolCallId: 'b', toolName: 'search' }),
      chunk({ type: 'tool-input-delta', toolCallId: 'b', inputTextDelta: '{"q": "final"}' }),
      chunk({ type: 'tool-input-available', toolCallId: 'b', toolName: 'search', input: { q: 'final' } }),
      chunk({ type: 'finish-step' }),
      chunk({ type: 'finish', finishReason: 'stop' }),
      [undefined, '[DONE]'],
    ]);
    const cut = body.indexOf('{"type":"reset-step"}');
    const fetch = scriptedFetch([streamingResponse([body.slice(0, cut), body.slice(cut)])]);
    const { run, clock } = begin(fetch);
    const seen: string[] = [];
    run.subscribe(() => {
      const { text } = run.getSnapshot();
      if (seen.at(-1) !== text) seen.push(text);
    });
    const final = await settle(run, clock);
    expect(seen).toContain('Checking. A draft that is thrown away');
    expect(final).toMatchObject({ status: 'done', text: 'Checking. Found it.', reasoning: '' });
    expect(final.toolCalls.map((call) => [call.id, call.state, call.args])).toEqual([
      ['a', 'result', { q: 1 }],
      ['b', 'args-complete', { q: 'final' }],
    ]);
  });

  it('ends a dropped stream without ids in DisconnectedError, keeping the text, without re-sending', async () => {
    const fetch = scriptedFetch([streamingResponse([fx.OPENAI_CHAT_TEXT.slice(0, 500)])]);
    const { run, clock } = begin(fetch);
    const final = await settle(run, clock);
    expect(final.status).toBe('error');
    expect(final.error).toBeInstanceOf(DisconnectedError);
    expect(final.text).toBe('Hello');
    expect(fetch.requests).toHaveLength(1);
  });

  it('ends a Chat Completions body that stops after finish_reason without [DONE] as done (some compatible servers)', async () => {
    const withoutDone = fx.OPENAI_CHAT_TEXT.slice(0, fx.OPENAI_CHAT_TEXT.indexOf('data: [DONE]'));
    const fetch = scriptedFetch([streamingResponse([withoutDone])]);
    const { run, statuses, clock } = begin(fetch);
    const final = await settle(run, clock);
    expect(statuses).toEqual(['connecting', 'waiting', 'streaming', 'done']);
    expect(final).toMatchObject({ status: 'done', text: 'Hello there!', finishReason: 'stop' });
    expect(final.usage).toEqual({ inputTokens: 9, outputTokens: 3 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('still ends a Chat Completions body cut before finish_reason in DisconnectedError', async () => {
    const cut = fx.OPENAI_CHAT_TEXT.slice(0, fx.OPENAI_CHAT_TEXT.indexOf('"finish_reason":"stop"'));
    const beforeFinish = cut.slice(0, cut.lastIndexOf('data: '));
    const fetch = scriptedFetch([streamingResponse([beforeFinish])]);
    const { run, clock } = begin(fetch);
    const final = await settle(run, clock);
    expect(final.status).toBe('error');
    expect(final.error).toBeInstanceOf(DisconnectedError);
    expect(final.text).toBe('Hello there!');
  });

  it('retry() starts a new generation from a terminal state', async () => {
    const fetch = scriptedFetch([new Response('no', { status: 400 }), streamingResponse([fx.AI_SDK_STREAM])]);
    const { run, clock } = begin(fetch);
    const failed = await settle(run, clock);
    expect(failed).toMatchObject({ status: 'error', generation: 1 });
    run.retry();
    expect(run.getSnapshot()).toMatchObject({ status: 'connecting', text: '', generation: 2 });
    const final = await settle(run, clock);
    expect(final).toMatchObject({ status: 'done', protocol: 'ai-sdk', text: 'Let me check.' });
    expect(final.toolCalls[0]).toMatchObject({ state: 'result', result: { weather: 'sunny' } });
  });

  it('detects plain text from the content type and finishes at end of body', async () => {
    const response = streamingResponse(['Hel', 'lo'], {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    const { run, clock } = begin(scriptedFetch([response]));
    expect(await settle(run, clock)).toMatchObject({
      status: 'done',
      protocol: 'text',
      text: 'Hello',
      finishReason: 'stop',
    });
  });

  it('keeps characters split across plain-text chunks, and shows a cut-off one as U+FFFD', async () => {
    const bytes = new TextEncoder().encode('café ☕');
    // 'é' split after its first byte; the body then ends one byte into '☕' (3 bytes).
    const response = streamingResponse([bytes.slice(0, 4), bytes.slice(4, 7)], {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    const { run, clock } = begin(scriptedFetch([response]));
    expect((await settle(run, clock)).text).toBe('café \uFFFD');
  });

  it('decodes plain text in the charset its content type names, UTF-8 where it names none it knows', async () => {
    // "café" in windows-1252: é is the single byte 0xE9 (invalid as UTF-8).
    const latin = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    const declared = begin(
      scriptedFetch([
        streamingResponse([latin], { headers: { 'content-type': 'text/plain; charset=windows-1252' } }),
      ]),
    );
    expect((await settle(declared.run, declared.clock)).text).toBe('café');
    const unknown = begin(
      scriptedFetch([
        streamingResponse([new TextEncoder().encode('café')], {
          headers: { 'content-type': 'text/plain; charset=x-not-a-charset' },
        }),
      ]),
    );
    expect((await settle(unknown.run, unknown.clock)).text).toBe('café');
  });

  it('fails with ProtocolDetectionError when the first event is unknown', async () => {
    const { run, clock } = begin(scriptedFetch([streamingResponse(['data: {"hello":1}\n\n'])]));
    expect((await settle(run, clock)).error).toBeInstanceOf(ProtocolDetectionError);
  });
});

describe('startStream chunking independence (property)', () => {
  it('gives the same snapshot however the body is split', async () => {
    const fc = await import('fast-check');
    const fixtures = [
      fx.OPENAI_CHAT_PARALLEL_TOOLS,
      fx.ANTHROPIC_THINKING_TOOL,
      fx.OPENAI_RESPONSES,
      fx.AI_SDK_STREAM,
    ];
    const summary = async (pieces: string[]) => {
      const { run, clock } = begin(scriptedFetch([streamingResponse(pieces)]));
      const s = await settle(run, clock, 1);
      return [s.status, s.text, s.reasoning, s.toolCalls.map((c) => [c.id, c.argsText, c.args, c.state])];
    };
    for (const text of fixtures) {
      const whole = await summary([text]);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 12 }),
          async (cuts) => {
            const points = [0, ...cuts.sort((a, b) => a - b), text.length];
            const pieces = points.slice(1).map((end, i) => text.slice(points[i], end));
            expect(await summary(pieces)).toEqual(whole);
          },
        ),
        { numRuns: 25 },
      );
    }
  });
});
