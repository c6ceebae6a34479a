'use client';
import {
  type DerivedAnswerMetrics,
  deriveAnswerMetrics,
  type FirstPaint,
  firstPaintOf,
  isRunning,
  type StreamRun,
  type StreamStatus,
} from '@tokenpaint/core';
import { useEffect, useState } from 'react';

/** What {@link useRunMetrics} returns: the current answer's figures so far. */
export interface RunMetrics extends DerivedAnswerMetrics {
  readonly status: StreamStatus;
  /** Request start → first byte, first byte → first token, first token → first paint, in ms, where known. */
  readonly waterfall: { readonly ttfb?: number; readonly firstToken?: number; readonly paint?: number };
  readonly firstPaint?: FirstPaint;
  /** Intervals between the last animation frames while the answer streamed, in ms (at most 120). */
  readonly frames: readonly number[];
  /** The run's request start and first token, as clock times (`performance.now()`): to line the figures up with a trace. */
  readonly requestStart: number;
  readonly firstTokenAt?: number;
}

const UPDATE_MS = 250;
const MAX_FRAMES = 120;

function measure(run: StreamRun, paint: FirstPaint | undefined, frames: readonly number[]): RunMetrics {
  const snapshot = run.getSnapshot();
  const { requestStart, firstByte, firstToken } = snapshot.timing;
  const derived = deriveAnswerMetrics(snapshot, paint === undefined ? {} : { firstPaint: paint.at });
  return {
    ...derived,
    status: snapshot.status,
    waterfall: {
      ...(firstByte !== undefined && { ttfb: firstByte - requestStart }),
      ...(firstByte !== undefined && firstToken !== undefined && { firstToken: firstToken - firstByte }),
      ...(firstToken !== undefined && paint !== undefined && { paint: paint.at - firstToken }),
    },
    ...(paint !== undefined && { firstPaint: paint }),
    frames,
    requestStart,
    ...(firstToken !== undefined && { firstTokenAt: firstToken }),
  };
}

/**
 * The figures of a run's current answer, updated at most every 250 ms while it
 * streams (a readout, not the answer: it must not add a commit per frame), and
 * the frame intervals seen meanwhile. `null` without a run.
 */
export function useRunMetrics(run: StreamRun | null): RunMetrics | null {
  const [metrics, setMetrics] = useState<RunMetrics | null>(null);
  useEffect(() => {
    if (run === null) {
      setMetrics(null);
      return;
    }
    let paint: FirstPaint | undefined;
    let generation = -1;
    const frames: number[] = [];
    let frame = 0;
    let lastFrame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const raf = globalThis.requestAnimationFrame;
    let asking = false;
    // A renderer marks the text's commit after the run notified: ask until it has.
    const askForPaint = (): void => {
      if (paint !== undefined || asking || run.getSnapshot().text === '') return;
      asking = true;
      const asked = generation;
      void firstPaintOf(run, asked).then((timed) => {
        asking = false;
        if (timed === undefined || asked !== generation || stopped) return;
        paint = timed;
        publish();
      });
    };
    const publish = (): void => {
      timer = undefined;
      if (stopped) return;
      setMetrics(measure(run, paint, [...frames]));
      askForPaint();
    };
    const schedule = (): void => {
      if (timer === undefined) timer = setTimeout(publish, UPDATE_MS);
    };
    const onFrame = (time: number): void => {
      if (lastFrame > 0) {
        frames.push(time - lastFrame);
        if (frames.length > MAX_FRAMES) frames.shift();
      }
      lastFrame = time;
      frame = isRunning(run.status) && !stopped ? raf(onFrame) : 0;
    };
    const check = (): void => {
      const snapshot = run.getSnapshot();
      if (snapshot.generation !== generation) {
        generation = snapshot.generation;
        paint = undefined;
        frames.length = 0;
        lastFrame = 0;
      }
      if (typeof raf === 'function' && frame === 0 && isRunning(run.status)) frame = raf(onFrame);
      // The end is shown at once; progress at most every UPDATE_MS.
      if (isRunning(run.status)) schedule();
      else publish();
    };
    check();
    const unsubscribe = run.subscribe(check);
    return () => {
      stopped = true;
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      if (frame !== 0) globalThis.cancelAnimationFrame?.(frame);
    };
  }, [run]);
  return metrics;
}
