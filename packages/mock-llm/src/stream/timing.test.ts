import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../mock-fetch.ts';
import { type MockClock, realClock } from '../profiles/clock.ts';
import { SCRIPTS } from '../scripts/registry.ts';
import { tokenize } from '../scripts/tokenize.ts';
import { post, readTimed } from '../test-helpers.ts';

// Real time, small windows. Tolerances are one-sided where the mock can only be
// late (it never writes before a write is due) and generous on the late side
// for a loaded 2-core machine.

async function timedText(query: string) {
  const startedAt = performance.now();
  const response = await createMockFetch()(`/v1/text?${query}`, post({}));
  const read = await readTimed(response.body);
  return { ...read, chunks: read.chunks.map((chunk) => ({ ...chunk, at: chunk.at - startedAt })) };
}

describe('real-time delivery', () => {
  it('honours ttft 100 ms and 200 tok/s', async () => {
    const { chunks, text } = await timedText('ttft=100&tps=200&jitter=0');
    expect(text).toBe(SCRIPTS.text.text);
    const tokens = tokenize(SCRIPTS.text.text).length;
    expect(chunks).toHaveLength(tokens);
    expect(chunks[0]!.at).toBeGreaterThanOrEqual(99);
    expect(chunks[0]!.at).toBeLessThan(250);
    const rate = ((tokens - 1) * 1000) / (chunks.at(-1)!.at - chunks[0]!.at);
    expect(rate).toBeLessThanOrEqual(205);
    expect(rate).toBeGreaterThan(120);
  });

  it('delivers bursts as multi-token writes', async () => {
    const { chunks, text } = await timedText('ttft=0&tps=1000&burst=8&jitter=0');
    expect(text).toBe(SCRIPTS.text.text);
    const sizes = chunks.map((chunk) => tokenize(chunk.text).length);
    // Tokenizing a write again can merge tokens across the boundary, never split them.
    expect(sizes.slice(0, -1).every((size) => size <= 8 && size >= 6)).toBe(true);
    expect(chunks.length).toBe(Math.ceil(tokenize(SCRIPTS.text.text).length / 8));
  });

  it('buffered-proxy delivers everything in one write at the end', async () => {
    const { chunks, text } = await timedText('preset=buffered-proxy&ttft=50&tps=1000');
    expect(chunks).toHaveLength(1);
    expect(text).toBe(SCRIPTS.text.text);
    expect(chunks[0]!.at).toBeGreaterThanOrEqual(50 + 100);
  });

  it('stalls between two tokens for stallMs', async () => {
    const { chunks } = await timedText('ttft=0&tps=1000&jitter=0&stallAt=10&stallMs=300');
    const gaps = chunks.slice(1).map((chunk, index) => chunk.at - chunks[index]!.at);
    expect(gaps[9]).toBeGreaterThanOrEqual(295);
    expect(gaps.filter((gap) => gap > 200)).toHaveLength(1);
  });
});

describe('abort', () => {
  function countingClock(): MockClock & { pending: () => number; started: () => number } {
    let pending = 0;
    let started = 0;
    return {
      pending: () => pending,
      started: () => started,
      now: realClock.now,
      sleep: (ms, signal) => {
        pending++;
        started++;
        return realClock.sleep(ms, signal).finally(() => pending--);
      },
    };
  }

  it('init.signal errors the body with the abort reason and stops the timers', async () => {
    const clock = countingClock();
    const controller = new AbortController();
    const response = await createMockFetch({ clock })('/v1/text?ttft=0&tps=50', {
      ...post({}),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    const pendingRead = reader.read();
    controller.abort();
    await expect(pendingRead).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(clock.pending()).toBe(0);
    const startedAfterAbort = clock.started();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(clock.started()).toBe(startedAfterAbort);
  });

  it('cancelling the body stops the timers too', async () => {
    const clock = countingClock();
    const response = await createMockFetch({ clock })('/v1/text?ttft=1000', post({}));
    const reader = response.body!.getReader();
    const first = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.pending()).toBe(1);
    await reader.cancel();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(clock.pending()).toBe(0);
  });
});
