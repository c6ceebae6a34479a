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

  it('keeps the longest scripts of the long animation frames, longest first, their URLs without query', () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    let deliver: (entries: object[]) => void = () => {};
    class FakeObserver {
      static supportedEntryTypes = ['long-animation-frame', 'longtask'];
      constructor(callback: (list: { getEntries(): object[] }) => void) {
        deliver = (entries) => callback({ getEntries: () => entries });
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('PerformanceObserver', FakeObserver);
    const meter = startCadenceMeter();
    const script = (invoker: string, duration: number, sourceURL = '') => ({
      invoker,
      duration,
      sourceURL,
      sourceFunctionName: duration > 60 ? 'renderMarkdown' : '',
    });
    deliver([
      { duration: 120, scripts: [script('DIV.onclick', 70, 'https://app.example/main.js?user=42#x')] },
      {
        duration: 90,
        scripts: [1, 2, 3, 4, 5, 6].map((k) => script(`Window.requestAnimationFrame`, 10 * k)),
      },
      { duration: 55 }, // a longtask-like entry: counted, no attribution
    ]);
    const summary = meter.stop();
    expect(summary).toMatchObject({ long_animation_frames: 3, long_animation_frame_ms: 265 });
    expect(meter.longFrameScripts).toEqual([
      {
        invoker: 'DIV.onclick',
        source_url: 'https://app.example/main.js',
        function: 'renderMarkdown',
        dur_ms: 70,
      },
      { invoker: 'Window.requestAnimationFrame', dur_ms: 60 },
      { invoker: 'Window.requestAnimationFrame', dur_ms: 50 },
      { invoker: 'Window.requestAnimationFrame', dur_ms: 40 },
      { invoker: 'Window.requestAnimationFrame', dur_ms: 30 },
    ]);
  });
});
