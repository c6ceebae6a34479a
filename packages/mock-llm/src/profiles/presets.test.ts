import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MockConnectionDropError } from '../errors.ts';
import { createMockFetch } from '../mock-fetch.ts';
import { SCRIPTS } from '../scripts/registry.ts';
import { parseSse, post, readTimed, type TimedChunk, virtualClock } from '../test-helpers.ts';
import { PRESETS } from './presets.ts';

// Every preset played through the real handler on a virtual clock: the whole
// schedule runs at once, each write stamped with the time it was due.
async function play(query: string) {
  const clock = virtualClock();
  const response = await createMockFetch({ clock })(`/v1/chat/completions?${query}`, post());
  const read = await readTimed(response.body, clock.now);
  const tokensIn = (chunk: TimedChunk) =>
    parseSse(chunk.text).messages.filter((message) => {
      try {
        return Boolean(JSON.parse(message.data).choices?.[0]?.delta?.content);
      } catch {
        return false;
      }
    }).length;
  const tokenChunks = read.chunks.filter((chunk) => tokensIn(chunk) > 0);
  const content = parseSse(read.text)
    .messages.filter((message) => message.data !== '[DONE]')
    .map((message) => {
      try {
        return JSON.parse(message.data).choices?.[0]?.delta?.content ?? '';
      } catch {
        return '';
      }
    })
    .join('');
  return { response, clock, ...read, tokenChunks, tokensIn, content };
}

function meanRate(chunks: TimedChunk[], tokensIn: (chunk: TimedChunk) => number): number {
  const tokens = chunks.reduce((sum, chunk) => sum + tokensIn(chunk), 0) - tokensIn(chunks[0]!);
  return (tokens * 1000) / (chunks.at(-1)!.at - chunks[0]!.at);
}

describe('presets', () => {
  it('instant: no waiting at all, one write per token', async () => {
    const run = await play('preset=instant');
    expect(run.clock.sleeps).toEqual([]);
    expect(run.content).toBe(SCRIPTS.text.text);
    expect(run.tokenChunks.every((chunk) => run.tokensIn(chunk) === 1)).toBe(true);
  });

  it.each([
    ['fast', PRESETS.fast],
    ['typical', PRESETS.typical],
  ] as const)('%s: first token at ttft, then tps on average', async (name, profile) => {
    const run = await play(`preset=${name}&script=long`);
    expect(run.tokenChunks[0]!.at).toBe(profile.ttft);
    expect(run.chunks[0]!.at).toBe(0);
    expect(meanRate(run.tokenChunks, run.tokensIn)).toBeCloseTo(profile.tps, -0.5);
    expect(run.content).toBe(SCRIPTS.long.text);
  });

  it('slow-3g: 2.5 s to first byte of content, 15 tok/s, three tokens per write', async () => {
    const run = await play('preset=slow-3g');
    expect(run.tokenChunks[0]!.at).toBeGreaterThanOrEqual(PRESETS['slow-3g'].ttft);
    expect(run.tokenChunks.slice(0, -1).every((chunk) => run.tokensIn(chunk) === 3)).toBe(true);
    expect(meanRate(run.tokenChunks, run.tokensIn)).toBeGreaterThan(11);
    expect(meanRate(run.tokenChunks, run.tokensIn)).toBeLessThan(19);
  });

  it('bursty: twelve tokens per write', async () => {
    const run = await play('preset=bursty&script=markdown');
    expect(run.tokenChunks.slice(0, -1).map(run.tokensIn)).toEqual(
      run.tokenChunks.slice(0, -1).map(() => 12),
    );
    expect(run.content).toBe(SCRIPTS.markdown.text);
  });

  it('stall: a 3 s pause before token 40, normal pace around it', async () => {
    const run = await play('preset=stall');
    const gaps = run.tokenChunks.slice(1).map((chunk, index) => chunk.at - run.tokenChunks[index]!.at);
    expect(gaps[39]).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...gaps.filter((_, index) => index !== 39))).toBeLessThan(50);
  });

  it('buffered-proxy: the whole body in one write, when the last token is generated', async () => {
    const run = await play('preset=buffered-proxy');
    expect(run.chunks).toHaveLength(1);
    expect(run.chunks[0]!.at).toBeGreaterThan(PRESETS['buffered-proxy'].ttft + 1000);
    expect(run.content).toBe(SCRIPTS.text.text);
    expect(run.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('drop: 30 tokens, then the body errors without the terminal events', async () => {
    const run = await play('preset=drop');
    expect(run.error).toBeInstanceOf(MockConnectionDropError);
    expect(run.error).toMatchObject({
      name: 'MockConnectionDropError',
      tokenIndex: 30,
      lastEventId: undefined,
    });
    expect(run.tokenChunks).toHaveLength(30);
    expect(run.text).not.toContain('[DONE]');
    expect(run.text).not.toContain('finish_reason":"stop"');
    expect(SCRIPTS.text.text.startsWith(run.content)).toBe(true);
  });

  it('rate-limited: 429 with Retry-After before any stream byte, which the SDK surfaces', async () => {
    const run = await play('preset=rate-limited');
    expect(run.response.status).toBe(429);
    expect(run.response.headers.get('retry-after')).toBe('2');
    expect(JSON.parse(run.text).error.code).toBe('rate_limit_exceeded');
    const status500 = await createMockFetch()('/v1/messages?status=500&retryAfter=off', post());
    expect(status500.status).toBe(500);
    expect(status500.headers.get('retry-after')).toBeNull();
    expect((await status500.json()).error.type).toBe('api_error');

    const client = new OpenAI({
      apiKey: 't',
      baseURL: 'http://mock/v1',
      fetch: createMockFetch(),
      maxRetries: 0,
    });
    const call = client.chat.completions.create(
      { model: 'x', messages: [], stream: true },
      { headers: { 'x-mock-preset': 'rate-limited' } },
    );
    await expect(call).rejects.toMatchObject({ status: 429 });
  });

  it('malformed: exactly one unparseable event, before token 20; the openai SDK throws on it', async () => {
    const run = await play('preset=malformed');
    const data = parseSse(run.text)
      .messages.map((message) => message.data)
      .filter((value) => value !== '[DONE]');
    const broken = data.flatMap((value, index) => {
      try {
        JSON.parse(value);
        return [];
      } catch {
        return [index];
      }
    });
    expect(broken).toHaveLength(1);
    // Nothing is lost: a tolerant client that skips it still gets the whole text.
    expect(run.content).toBe(SCRIPTS.text.text);
    const contentBefore = data
      .slice(0, broken[0])
      .filter((value) => value.includes('"content":"') && !value.includes('"content":""'));
    expect(contentBefore).toHaveLength(20);

    const client = new OpenAI({
      apiKey: 't',
      baseURL: 'http://mock/v1',
      fetch: createMockFetch(),
      maxRetries: 0,
      logLevel: 'off',
    });
    const stream = await client.chat.completions.create(
      { model: 'x', messages: [], stream: true },
      { headers: { 'x-mock-preset': 'malformed', 'x-mock-ttft': '0', 'x-mock-tps': 'inf' } },
    );
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow(SyntaxError);
  });
});
