import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockLLMHandler } from './handler.ts';
import { createMockFetch } from './mock-fetch.ts';
import { PRESET_NAMES } from './profiles/presets.ts';
import { limitTokens } from './scripts/limit-tokens.ts';
import { SCRIPT_NAMES, SCRIPTS } from './scripts/registry.ts';
import { post } from './test-helpers.ts';

const mockFetch = createMockFetch();

async function errorOf(path: string, init: RequestInit = post()) {
  const response = await mockFetch(path, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('bad requests', () => {
  it.each([
    ['/v1/chat/completions?script=nope', 'script', /Unknown script "nope"\. Scripts: text, markdown/],
    ['/v1/chat/completions?preset=turbo', 'preset', /Unknown preset "turbo"\. Presets: instant, fast/],
    ['/v1/chat/completions?tps=-1', 'tps', /"tps" must be a number ≥ 0.01, or "inf"; got "-1"/],
    ['/v1/chat/completions?tps=', 'tps', /"tps" must be a number/],
    ['/v1/chat/completions?jitter=2', 'jitter', /"jitter" must be a number ≥ 0 and ≤ 1/],
    ['/v1/chat/completions?burst=1.5', 'burst', /"burst" must be an integer/],
    ['/v1/chat/completions?dropAt=soon', 'dropAt', /"dropAt" must be a number ≥ 0, or "off"/],
    ['/v1/chat/completions?status=200', 'status', /"status" must be a number ≥ 400 and ≤ 599/],
    ['/v1/chat/completions?resumable=maybe', 'resumable', /"resumable" must be 1\/true or 0\/false/],
    ['/v1/text?resumable=1', 'resumable', /resumable=1 needs an SSE endpoint/],
    ['/v1/text?maxTokens=0', 'maxTokens', /"maxTokens" must be a number ≥ 1/],
  ])('%s → 400 naming %s', async (path, param, message) => {
    const { status, body } = await errorOf(path);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(body.error.message).toMatch(message);
  });

  it('rejects a body that is not JSON, or not an object, or lacks stream: true', async () => {
    const notJson = await errorOf('/v1/chat/completions', { method: 'POST', body: '{"stream": tru' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/^Request body is not valid JSON \(/);
    const array = await errorOf('/v1/chat/completions', { method: 'POST', body: '[]' });
    expect(array.body.error.message).toBe('Request body must be a JSON object.');
    const empty = await errorOf('/v1/chat/completions', { method: 'POST' });
    expect(empty.body.error.message).toMatch(/send "stream": true/);
    const notStreaming = await errorOf('/v1/responses', post({ model: 'x' }));
    expect(notStreaming.status).toBe(400);
    expect(notStreaming.body.error.message).toMatch(/send "stream": true/);
  });

  it('answers in the Anthropic error shape on /v1/messages', async () => {
    const { status, body } = await errorOf('/v1/messages?script=nope');
    expect(status).toBe(400);
    expect(body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringMatching(/Unknown script/) },
    });
  });

  it('rejects Last-Event-ID without resumable=1, and past the end of the response', async () => {
    const withoutResumable = await errorOf(
      '/v1/chat/completions',
      post({ stream: true }, { 'last-event-id': '3' }),
    );
    expect(withoutResumable.body.error.message).toMatch(/only understood on resumable streams/);
    const pastEnd = await errorOf(
      '/v1/chat/completions?resumable=1',
      post({ stream: true }, { 'last-event-id': '99999' }),
    );
    expect(pastEnd.status).toBe(400);
    expect(pastEnd.body.error.message).toMatch(
      /Last-Event-ID 99999 is past the end of this response \(last id \d+\)/,
    );
  });

  it('404s an unknown path listing the endpoints, 405s a wrong method', async () => {
    const missing = await errorOf('/v1/completions');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(
      /No mock endpoint at \/v1\/completions\. Endpoints: \/v1\/chat\/completions/,
    );
    const wrongMethod = await errorOf('/v1/chat/completions', { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('surfaces the message through the openai SDK as a BadRequestError', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://mock/v1', fetch: mockFetch, maxRetries: 0 });
    const call = client.chat.completions.create(
      { model: 'x', messages: [], stream: true },
      { headers: { 'x-mock-script': 'nope' } },
    );
    await expect(call).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/Unknown script "nope"/),
    });
  });
});

describe('routing, options and CORS', () => {
  it('answers a CORS preflight echoing the requested headers', async () => {
    const response = await mockFetch('/v1/messages', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:6006',
        'access-control-request-headers': 'x-mock-preset, last-event-id',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('x-mock-preset, last-event-id');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('sends CORS headers on streams and errors alike', async () => {
    for (const path of ['/v1/text?preset=instant', '/v1/text?script=nope', '/nowhere']) {
      const response = await mockFetch(path, post());
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      await response.body?.cancel();
    }
  });

  it('serves a JSON index of endpoints, presets (with numbers) and scripts at GET /', async () => {
    const index = await (await mockFetch('/', { method: 'GET' })).json();
    expect(index.endpoints.map((endpoint: { path: string }) => endpoint.path)).toEqual([
      '/v1/chat/completions',
      '/v1/responses',
      '/v1/messages',
      '/api/chat',
      '/v1/text',
    ]);
    expect(Object.keys(index.presets)).toEqual([...PRESET_NAMES]);
    expect(index.presets.instant.tps).toBe('inf');
    expect(index.presets.typical).toMatchObject({ ttft: 600, tps: 45 });
    expect(Object.keys(index.scripts)).toEqual([...SCRIPT_NAMES]);
  });

  it('mounts under basePath', async () => {
    const handler = createMockLLMHandler({ basePath: '/mock/' });
    const ok = await handler(new Request('http://x/mock/v1/text?preset=instant', post()));
    expect(await ok.text()).toBe(SCRIPTS.text.text);
    expect((await handler(new Request('http://x/v1/text', post()))).status).toBe(404);
  });

  it('reads options from x-mock-* headers, the query string winning over them', async () => {
    const viaHeader = await mockFetch(
      '/v1/text',
      post({}, { 'x-mock-preset': 'instant', 'x-mock-script': 'reasoning' }),
    );
    expect(viaHeader.headers.get('x-mock-script')).toBe('reasoning');
    expect(await viaHeader.text()).toBe(SCRIPTS.reasoning.text);
    const both = await mockFetch(
      '/v1/text?script=markdown&preset=instant',
      post({}, { 'x-mock-script': 'reasoning' }),
    );
    expect(await both.text()).toBe(SCRIPTS.markdown.text);
  });

  it('echoes the model and serves every script on /v1/text as its exact text', async () => {
    for (const script of SCRIPT_NAMES) {
      const response = await mockFetch(`/v1/text?preset=instant&script=${script}`, post({}));
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe(SCRIPTS[script].text);
    }
    const chat = await mockFetch(
      '/v1/chat/completions?preset=instant',
      post({ stream: true, model: 'gpt-echo' }),
    );
    expect(await chat.text()).toContain('"model":"gpt-echo"');
  });

  it('rejects a fetch whose signal is already aborted, like fetch', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mockFetch('/v1/text', { ...post(), signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('errors the body with the abort reason even when the abort comes just before a planned drop', async () => {
    const controller = new AbortController();
    const response = await mockFetch('/v1/text?ttft=0&tps=inf&dropAt=3&stallAt=3&stallMs=2000', {
      ...post(),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    setTimeout(() => controller.abort(new DOMException('user abort', 'AbortError')), 300); // during the stall
    const readAll = async (): Promise<string> => {
      for (;;) if ((await reader.read()).done) return 'ended';
    };
    const outcome = await Promise.race([
      readAll().catch((error: Error) => error.message),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 1500)),
    ]);
    expect(outcome).toBe('user abort');
  });

  it('still stops on abort after the Request object was garbage-collected (no timer left running)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const controller = new AbortController();
    const response = await mockFetch('/v1/text?ttft=0&tps=inf&stallAt=1&stallMs=5000', {
      ...post(),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    controller.abort(new DOMException('gone', 'AbortError'));
    const outcome = await Promise.race([
      reader.read().then(
        () => 'resolved',
        (error: Error) => error.name,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 1000)),
    ]);
    expect(outcome).toBe('AbortError');
  });
});

describe('option bounds and error types', () => {
  it.each([
    ['/v1/text?ttft=3000000000', 'ttft'],
    ['/v1/text?stallAt=1&stallMs=3000000000', 'stallMs'],
    ['/v1/text?tps=1e-320', 'tps'],
    ['/v1/text?status=429&retryAfter=1e300', 'retryAfter'],
  ])('%s → 400 naming %s (a timer that long would fire at once)', async (path, param) => {
    const { status, body } = await errorOf(path);
    expect(status).toBe(400);
    expect(body.error.param).toBe(param);
  });

  it.each([
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [413, 'request_too_large'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ])("a simulated %i on /v1/messages has Anthropic's error type %s", async (code, type) => {
    const { status, body } = await errorOf(
      `/v1/messages?status=${code}`,
      post({ stream: true, max_tokens: 10, messages: [] }),
    );
    expect(status).toBe(code);
    expect(body).toMatchObject({ type: 'error', error: { type } });
  });

  it('answers CORS preflights on its own paths only', async () => {
    const handler = createMockLLMHandler({ basePath: '/mock' });
    const preflight = (path: string) =>
      handler(
        new Request(`http://h${path}`, {
          method: 'OPTIONS',
          headers: { origin: 'http://a', 'access-control-request-method': 'POST' },
        }),
      );
    expect((await preflight('/mock/v1/text')).status).toBe(204);
    expect((await preflight('/app/api')).status).toBe(404);
  });
});

describe('serverTiming', () => {
  it('holds the headers for the retrieval time and declares it in Server-Timing, readable cross-origin', async () => {
    const handler = createMockLLMHandler();
    const started = performance.now();
    const response = await handler(
      new Request('http://mock/v1/chat/completions?preset=instant&serverTiming=60', {
        method: 'POST',
        body: JSON.stringify({ model: 'm', stream: true, messages: [] }),
      }),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(response.headers.get('server-timing')).toBe('retrieval;dur=60;desc="mock retrieval"');
    expect(response.headers.get('access-control-expose-headers')).toContain('server-timing');
    await response.body?.cancel();
  });
});

describe('maxTokens', () => {
  it('ends the answer after the first n tokens of the script', async () => {
    const response = await mockFetch('/v1/text?preset=instant&script=long&maxTokens=40', post());
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(limitTokens(SCRIPTS.long, 40).text);
    expect(text.length).toBeLessThan(SCRIPTS.long.text.length);
  });
});
