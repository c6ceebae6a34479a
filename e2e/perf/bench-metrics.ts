/**
 * Turns the raw samples a bench page records (`window.__benchResult`, see
 * apps/bench/src/probe.ts) into the reported figures. Pure, so every figure can
 * be recomputed from the JSON written next to it.
 *
 * The streaming window runs from the first token read to the commit that shows
 * the finished answer (`doneAt`): the span in which tokens are being painted.
 */

import type { BenchResult } from '@tokenpaint/bench/result';

/**
 * The raw samples of one run, as the page records them (all times
 * `performance.now()` ms); the page's query parameters are not needed here.
 */
export type RawRun = Omit<BenchResult, 'params'>;

/** The figures of one run. */
export interface RunMetrics {
  /** React commits in the streaming window ÷ animation frames in it. */
  readonly commitsPerFrame: number;
  readonly commits: number;
  readonly frames: number;
  /** First token read by the client → first frame that shows it, ms. */
  readonly readToPaintMs: number;
  /** First token read → its text in the DOM (a MutationObserver's microtask after React's commit), ms. */
  readonly readToDomMs: number;
  /** Frames per second in the streaming window. */
  readonly fps: number;
  /** 95th percentile and maximum of the gaps between consecutive frames in the window, ms. */
  readonly p95FrameMs: number;
  readonly maxFrameMs: number;
  /** Long tasks (≥ 50 ms) that started between the request and the end: count and total ms. */
  readonly longTaskCount: number;
  readonly longTaskMs: number;
  /** Long animation frames (> 50 ms) that started in the streaming window: count and total ms (NaN where not reported). */
  readonly longFrameCount: number;
  readonly longFrameMs: number;
  /** Request sent → finished answer committed, ms. */
  readonly totalMs: number;
  /** Last byte read → finished answer committed: how far the UI trails the network at the end, ms. */
  readonly endLagMs: number;
  /** Sum of React render durations (`actualDuration`) in the window, ms. */
  readonly renderMs: number;
}

/** A run whose samples lack a moment every figure depends on. */
export class IncompleteRunError extends Error {
  override readonly name = 'IncompleteRunError';
  readonly missing: string;
  constructor(impl: string, missing: string) {
    super(`The ${impl} run recorded no ${missing}; did the stream start and render text?`);
    this.missing = missing;
  }
}

/** The value below which `p` (0..1) of `sorted` (ascending) lies, by nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The median of `values` (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid)
    ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    : (sorted[Math.floor(mid)] as number);
}

/** Computes the figures of one run; throws {@link IncompleteRunError} if a needed moment is missing. */
export function runMetrics(run: RawRun): RunMetrics {
  const { firstTokenRead: from, firstTokenPainted, doneAt: to } = run;
  if (from === null) throw new IncompleteRunError(run.impl, 'first token read');
  if (firstTokenPainted === null) throw new IncompleteRunError(run.impl, 'first token painted');
  const inWindow = (t: number): boolean => t >= from && t <= to;
  const frameIndexes = run.frames.flatMap((t, i) => (inWindow(t) ? [i] : []));
  // A frame's time is the gap since the frame before it, which may precede the window.
  const gaps = frameIndexes
    .filter((i) => i > 0)
    .map((i) => (run.frames[i] as number) - (run.frames[i - 1] as number))
    .sort((a, b) => a - b);
  let commits = 0;
  let renderMs = 0;
  run.commits.forEach((t, i) => {
    if (!inWindow(t)) return;
    commits++;
    renderMs += run.commitDurations[i] ?? 0;
  });
  const longTasks = run.longTasks.filter((task) => task.start >= run.requestStart && task.start <= to);
  const frames = frameIndexes.length;
  // Older result files (and browsers without the API) have none.
  const longFrames = run.longAnimationFrames?.filter((frame) => inWindow(frame.start));
  return {
    commitsPerFrame: frames === 0 ? Number.NaN : commits / frames,
    commits,
    frames,
    readToPaintMs: firstTokenPainted - from,
    readToDomMs: run.firstTokenInDom === null ? Number.NaN : run.firstTokenInDom - from,
    fps: frames / ((to - from) / 1000),
    p95FrameMs: percentile(gaps, 0.95),
    maxFrameMs: gaps.at(-1) ?? Number.NaN,
    longTaskCount: longTasks.length,
    longTaskMs: longTasks.reduce((sum, task) => sum + task.duration, 0),
    longFrameCount: longFrames?.length ?? Number.NaN,
    longFrameMs: longFrames?.reduce((sum, frame) => sum + frame.duration, 0) ?? Number.NaN,
    totalMs: to - run.requestStart,
    endLagMs: run.lastByteRead === null ? Number.NaN : to - run.lastByteRead,
    renderMs,
  };
}

/** The median of every figure over several runs of one configuration. */
export function medianMetrics<M extends RunMetrics>(runs: readonly M[]): M {
  const keys = Object.keys(runs[0] ?? {}) as (keyof M)[];
  return Object.fromEntries(
    keys.map((key) => [key, median(runs.map((run) => run[key] as number))]),
  ) as unknown as M;
}
