import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCadenceMeter, summarizeFrames } from './render-cadence.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('render cadence', () => {
  it('summarizes frame intervals: fps, frames, dropped frames, the longest', () => {
    // 58 smooth frames and one of 100 ms (five 60 Hz frames missed).
    const intervals = [...Array.from({ length: 58 }, () => 1000 / 60), 100];
    expect(summarizeFrames(intervals)).toEqual({
      frames: 59,
      fps: 55.3,
      dropped_frames: 5,
      longest_frame_ms: 100,
    });
    expect(summarizeFrames([])).toEqual({});
  });

  it('measures animation frames between start and stop, and nothing without them', () => {
    const callbacks: Array<(time: number) => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) => callbacks.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.stubGlobal('PerformanceObserver', undefined);
    const meter = startCadenceMeter();
    for (const time of [0, 16, 33, 83]) callbacks.shift()?.(time);
    expect(meter.stop()).toEqual({ frames: 3, fps: 36.1, dropped_frames: 2, longest_frame_ms: 50 });
    vi.stubGlobal('requestAnimationFrame', undefined);
    expect(startCadenceMeter().stop()).toEqual({});
  });
});
