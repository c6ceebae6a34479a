// Unit tests of the figure computation (Vitest, not Playwright):
// `pnpm --dir e2e exec vitest run perf/bench-metrics.test.ts`.
import { describe, expect, it } from 'vitest';
import {
  IncompleteRunError,
  median,
  medianMetrics,
  percentile,
  type RawRun,
  runMetrics,
} from './bench-metrics.ts';

function raw(patch: Partial<RawRun> = {}): RawRun {
  return {
    impl: 'test',
    requestStart: 0,
    firstByte: 90,
    firstTokenRead: 100,
    libraryFirstToken: null,
    firstTokenInDom: 104,
    firstTokenPainted: 110,
    lastByteRead: 180,
    reads: [],
    doneAt: 200,
    // 50 ms and 150 ms are outside the window; frames every 20 ms inside it, one 40 ms gap.
    frames: [50, 90, 110, 130, 150, 190, 200, 220],
    commits: [60, 105, 125, 126, 190, 250],
    commitDurations: [9, 1, 2, 3, 4, 9],
    longTasks: [
      { start: 10, duration: 60 },
      { start: 140, duration: 70 },
    ],
    longAnimationFrames: [
      { start: 95, duration: 55 },
      { start: 160, duration: 80 },
    ],
    finalText: 'x',
    renderedTextLength: 1,
    ...patch,
  };
}

describe('runMetrics', () => {
  it('counts commits and frames inside the streaming window only', () => {
    const m = runMetrics(raw());
    expect(m.frames).toBe(5); // 110, 130, 150, 190, 200
    expect(m.commits).toBe(4); // 105, 125, 126, 190
    expect(m.commitsPerFrame).toBeCloseTo(4 / 5);
    expect(m.renderMs).toBe(1 + 2 + 3 + 4);
    expect(m.fps).toBeCloseTo(5 / 0.1);
  });

  it('measures frame gaps from the frame before each frame in the window', () => {
    const m = runMetrics(raw());
    // gaps: 110-90, 130-110, 150-130, 190-150, 200-190 = 20, 20, 20, 40, 10
    expect(m.maxFrameMs).toBe(40);
    expect(m.p95FrameMs).toBe(40);
  });

  it('reports the first-token path, totals and long tasks between the request and the end', () => {
    const m = runMetrics(raw());
    expect(m.readToDomMs).toBe(4);
    expect(m.readToPaintMs).toBe(10);
    expect(m.totalMs).toBe(200);
    expect(m.endLagMs).toBe(20);
    expect(m.longTaskCount).toBe(2);
    expect(m.longTaskMs).toBe(130);
  });

  it('counts the long animation frames that started in the streaming window, NaN where none were recorded', () => {
    const m = runMetrics(raw());
    expect(m.longFrameCount).toBe(1);
    expect(m.longFrameMs).toBe(80);
    const { longAnimationFrames: _recorded, ...older } = raw();
    expect(runMetrics(older).longFrameCount).toBeNaN();
  });

  it('refuses a run without a first token', () => {
    expect(() => runMetrics(raw({ firstTokenRead: null }))).toThrow(IncompleteRunError);
    expect(() => runMetrics(raw({ firstTokenPainted: null }))).toThrow(/first token painted/);
  });
});

describe('percentile and median', () => {
  it('uses the nearest rank and the mean of the middle pair', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('takes the median of every figure over runs', () => {
    const runs = [10, 30, 20].map((t) => runMetrics(raw({ firstTokenPainted: 100 + t })));
    expect(medianMetrics(runs).readToPaintMs).toBe(20);
  });
});
