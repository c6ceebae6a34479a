/**
 * The real run (`startStream`) and the mock LLM on one fake time base shared
 * with the frame clock: deterministic timing through the whole pipeline.
 */

import { act } from '@testing-library/react';
import { startStream } from '@tokenpaint/core';
import { createFakeFrameScheduler, type FakeFrameScheduler } from '@tokenpaint/core/testing';
import type { PacingOptions } from '@tokenpaint/core/view';
import { createMockFetch, type MockClock, SCRIPTS } from '@tokenpaint/mock-llm';
import { describe, expect, it } from 'vitest';
import { renderWithClock } from '../test-utils/render-with-clock.tsx';
import { StreamingMessage } from './streaming-message.tsx';

/** Lets the stream pipeline (body reader, SSE parser, run) settle in real time. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

function mockClockOn(scheduler: FakeFrameScheduler): MockClock {
  return {
    now: scheduler.now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const handle = scheduler.setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          scheduler.clearTimeout(handle);
          resolve();
        });
      }),
  };
}

interface FrameSample {
  readonly time: number;
  readonly received: number;
  readonly shown: number;
  readonly commits: number;
  readonly status: string | null | undefined;
  /** Text shown after the network step, before the frame ran. */
  readonly shownBeforeFrame: string;
}

/** Streams `query` frame by frame (network step, then the frame) and samples each frame. */
async function streamFrames(query: string, pacing?: PacingOptions) {
  const scheduler = createFakeFrameScheduler();
  const run = startStream({
    url: `/v1/chat/completions?${query}`,
    body: { stream: true, messages: [] },
    fetch: createMockFetch({ clock: mockClockOn(scheduler) }),
    clock: scheduler,
    stallTimeoutMs: 60_000,
  });
  const view = renderWithClock(<StreamingMessage run={run} pacing={pacing ?? false} />, scheduler);
  const text = () =>
    (view.container.querySelector('[data-tp-part="text"]')?.textContent ?? '').replace('▍', '');
  const status = () =>
    view.container.querySelector('[data-tp-part="message"]')?.getAttribute('data-tp-status');
  const samples: FrameSample[] = [];
  for (let frame = 0; frame < 3000 && status() !== 'done'; frame++) {
    const before = view.commits();
    act(() => scheduler.advance(16)); // network time passes: the mock writes
    await settle(); // the run reads and parses those writes
    const shownBeforeFrame = text();
    act(() => scheduler.tick(0)); // the frame
    samples.push({
      time: scheduler.now(),
      received: run.getSnapshot().text.length,
      shown: text().length,
      commits: view.commits() - before,
      status: status(),
      shownBeforeFrame,
    });
  }
  return { samples, final: text(), status: status() };
}

describe('<StreamingMessage> on a real run in fake time', () => {
  it('paints the first token before any frame, then commits at most once per frame', async () => {
    const { samples, final, status } = await streamFrames('preset=bursty&ttft=120&tps=300&burst=6&seed=7');
    expect(status).toBe('done');
    expect(final).toBe(SCRIPTS.text.text);
    const first = samples.findIndex((s) => s.received > 0);
    expect(samples[first]?.shownBeforeFrame).not.toBe(''); // no frame was needed for the first token
    const streaming = samples.slice(first + 1).filter((s) => s.status === 'streaming');
    expect(streaming.length).toBeGreaterThan(10);
    expect(Math.max(...streaming.map((s) => s.commits))).toBe(1);
  });

  it('with pacing, never shows text later than maxLagMs after it arrived, and ends with all of it', async () => {
    const maxLagMs = 200;
    const { samples, final } = await streamFrames('preset=bursty&ttft=50&tps=200&burst=20&seed=3', {
      maxLagMs,
    });
    expect(final).toBe(SCRIPTS.text.text);
    let lagging = 0;
    for (const sample of samples) {
      // What had arrived one lag (plus a frame) ago must be on screen now.
      const due = samples.filter((s) => s.time <= sample.time - maxLagMs - 16).at(-1)?.received ?? 0;
      expect(sample.shown).toBeGreaterThanOrEqual(due);
      if (sample.shown < sample.received) lagging++;
    }
    expect(lagging).toBeGreaterThan(5); // it did pace (the display trailed the network)
  });
});
