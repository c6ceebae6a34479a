/**
 * The measurements, identical for both implementations: React commits (from a
 * root `<Profiler>`), animation frames, long tasks, and the first token's path
 * from the network reader to the screen. The page exposes the raw samples on
 * `window.__benchResult`; the Playwright runner turns them into figures, so what
 * is reported can always be recomputed from what was recorded.
 *
 * Definitions (the same code runs on both sides):
 * - first token read: `performance.now()` when the client's `reader.read()` on the
 *   response body resolves with the bytes that carry the first `text-delta` event.
 *   Both libraries receive the same tapped `fetch` (`tapFetch`), so the tap sits at
 *   the same place in both pipelines: after the network, before any parsing.
 * - first token in DOM / painted: when text first appears in the answer element
 *   (`[data-bench-answer]`), and when the main thread finished the frame that shows
 *   it (see `first-paint.ts`). The `long` script opens with `#`, an empty heading, so
 *   visible text comes with the second token (about 1 ms later at 1,000 tok/s).
 * - frames: the timestamps of a rAF loop started before React, during the run.
 * - long tasks and long animation frames: as the browser's observers report them.
 */

import type { ProfilerOnRenderCallback } from 'react';
import type { BenchResult, LongTaskSample } from './bench-result.ts';
import { watchFirstPaint } from './first-paint.ts';

declare global {
  interface Window {
    /** Set once the page has mounted its prior messages and settled. */
    __benchReady?: boolean;
    /** Starts the streamed answer (sends the user message). */
    __benchStart?: () => void;
    /** Set when the streamed answer is finished and rendered. */
    __benchResult?: BenchResult;
    /** Set if the page failed (bad query, stream error). */
    __benchError?: string;
  }
}

/** The recorder for one page load. */
export interface Probe {
  /** `<Profiler onRender>` callback. */
  readonly onRender: ProfilerOnRenderCallback;
  /** A `fetch` that timestamps the request, its first byte, its first text delta and its end. */
  readonly fetch: typeof fetch;
  /** Marks the beginning of the measured period (the user message is being sent). */
  start(): void;
  /** Records the library's own first-token time (tokenpaint's `timing.firstToken`). */
  setLibraryFirstToken(time: number): void;
  /** Ends the run: publishes `window.__benchResult`. */
  finish(finalText: string): void;
  fail(message: string): void;
}

const TEXT_DELTA = '"type":"text-delta"';
const ANSWER_SELECTOR = '[data-bench-answer]';

function answerText(): string {
  return document.querySelector(ANSWER_SELECTOR)?.textContent?.trim() ?? '';
}

/** Starts recording frames and long tasks now (call before React renders). */
export function createProbe(impl: string, params: BenchResult['params']): Probe {
  const commits: number[] = [];
  const commitDurations: number[] = [];
  const frames: number[] = [];
  const longTasks: LongTaskSample[] = [];
  const longAnimationFrames: LongTaskSample[] = [];
  let started = false;
  let finished = false;
  let requestStart: number | null = null;
  let firstByte: number | null = null;
  let firstTokenRead: number | null = null;
  let libraryFirstToken: number | null = null;
  let lastByteRead: number | null = null;
  const reads: { time: number; bytes: number }[] = [];
  const firstPaint = watchFirstPaint(
    () => answerText() !== '',
    () => started,
  );

  const onFrame = (time: number): void => {
    if (finished) return;
    if (started) frames.push(time);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  }
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longAnimationFrames.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }

  const tappedFetch: typeof fetch = async (input, init) => {
    requestStart ??= performance.now();
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let tail = '';
    // highWaterMark 0: the tap reads only when the library asks, so each timestamp is
    // the moment the library's reader got the bytes, not an eager prefetch.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { value, done } = await reader.read();
          const now = performance.now();
          if (done) {
            controller.close();
            return;
          }
          firstByte ??= now;
          lastByteRead = now;
          reads.push({ time: now, bytes: value.byteLength });
          if (firstTokenRead === null) {
            // Keep a tail so a marker split across two network chunks is still found.
            const text = tail + decoder.decode(value, { stream: true });
            if (text.includes(TEXT_DELTA)) firstTokenRead = now;
            tail = text.slice(-TEXT_DELTA.length);
          }
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return {
    onRender(_id, _phase, actualDuration) {
      if (!started || finished) return;
      commits.push(performance.now());
      commitDurations.push(actualDuration);
    },
    fetch: tappedFetch,
    start() {
      started = true;
    },
    setLibraryFirstToken(time) {
      libraryFirstToken = time;
    },
    finish(finalText) {
      if (finished) return;
      finished = true;
      const { inDom, painted } = firstPaint();
      window.__benchResult = {
        impl,
        params,
        requestStart: requestStart ?? Number.NaN,
        firstByte,
        firstTokenRead,
        libraryFirstToken,
        firstTokenInDom: inDom,
        firstTokenPainted: painted,
        lastByteRead,
        reads,
        doneAt: performance.now(),
        commits,
        commitDurations,
        frames,
        longTasks,
        longAnimationFrames,
        finalText,
        renderedTextLength: answerText().length,
      };
    },
    fail(message) {
      window.__benchError = message;
    },
  };
}
