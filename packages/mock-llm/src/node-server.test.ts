import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockLLMHandler } from './handler.ts';
import { listen, type MockServer, toNodeListener } from './node-server.ts';
import { SCRIPTS } from './scripts/registry.ts';
import { parseSse, post, readTimed } from './test-helpers.ts';

describe('listen: a real Node HTTP server', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await listen({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('binds 127.0.0.1 on a free port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the openai SDK over baseURL, tool arguments reassembled', async () => {
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-script': 'tool-call', 'x-mock-ttft': '0', 'x-mock-tps': 'inf' },
    });
    const stream = await client.chat.completions.create({ model: 'gpt-mock', messages: [], stream: true });
    let args = '';
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    expect(JSON.parse(args)).toEqual(JSON.parse(SCRIPTS['tool-call'].toolCalls[0]!.arguments));
  });

  it('serves the Anthropic SDK over baseURL', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL: server.url, maxRetries: 0 });
    const message = await client.messages
      .stream(
        { model: 'claude-mock', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'x-mock-preset': 'instant', 'x-mock-script': 'long' } },
      )
      .finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: SCRIPTS.long.text }]);
  });

  it('sends headers before the first token and honours ttft over the socket', async () => {
    const startedAt = performance.now();
    const response = await fetch(`${server.url}/v1/text?ttft=150&tps=500`, post({}));
    const headersAt = performance.now() - startedAt;
    const read = await readTimed(response.body);
    expect(headersAt).toBeLessThan(120);
    expect(read.chunks[0]!.at - startedAt).toBeGreaterThanOrEqual(149);
    expect(read.text).toBe(SCRIPTS.text.text);
  });

  it('cuts the socket on drop: the client read fails and no terminal event arrives', async () => {
    const response = await fetch(
      `${server.url}/v1/chat/completions?preset=drop&ttft=0&tps=inf&resumable=1`,
      post(),
    );
    const read = await readTimed(response.body);
    expect(read.error).toBeInstanceOf(Error);
    const { messages } = parseSse(read.text);
    expect(messages.at(-1)!.data).not.toBe('[DONE]');
    expect(messages.length).toBeGreaterThan(30);
  });

  it('answers CORS preflights and errors with JSON over HTTP', async () => {
    const preflight = await fetch(`${server.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-mock-preset');
    const limited = await fetch(`${server.url}/v1/chat/completions?preset=rate-limited`, post());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await limited.json()).error.type).toBe('requests');
  });

  it('stops streaming when the client aborts', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/text?ttft=0&tps=20&script=long`, {
      ...post({}),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('as middleware, passes on unknown paths but answers a simulated 404 itself', async () => {
    const handler = createMockLLMHandler();
    const listener = toNodeListener(handler);
    const app = createServer((request, response) =>
      listener(request, response, () => response.writeHead(200).end('app')),
    );
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
      const unknown = await fetch(`${base}/not-mock`, { method: 'POST', body: '{}' });
      expect(await unknown.text()).toBe('app');
      const simulated = await fetch(`${base}/v1/text?status=404`, { method: 'POST', body: '{}' });
      expect(simulated.status).toBe(404);
      expect((await simulated.json()).error.message).toBeTypeOf('string');
    } finally {
      app.close();
    }
  });
});
