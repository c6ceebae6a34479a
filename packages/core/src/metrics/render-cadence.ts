/**
 * How smoothly the page rendered while an answer streamed: animation-frame
 * intervals (fps, dropped frames, the longest frame) and long animation frames
 * (`long-animation-frame`, `longtask` where that is missing). Feature-detected:
 * without animation frames it measures nothing and says so by reporting nothing.
 */

/** The cadence figures, by their payload names. */
export interface CadenceSummary {
  fps?: number;
  frames?: number;
  dropped_frames?: number;
  longest_frame_ms?: number;
  long_animation_frames?: number;
  long_animation_frame_ms?: number;
  /** Commits of the message while the answer streamed, where a renderer counts them (the React binding does). */
  commits?: number;
}

/** A running measurement; `stop()` ends it and summarizes. */
export interface CadenceMeter {
  stop(): CadenceSummary;
}

const FRAME_MS = 1000 / 60;
const round = (value: number): number => Math.round(value * 10) / 10;

/** Summarizes frame intervals (ms): a frame is dropped for every whole 60 Hz frame an interval spans beyond one. */
export function summarizeFrames(intervals: readonly number[]): CadenceSummary {
  if (intervals.length === 0) return {};
  const total = intervals.reduce((sum, interval) => sum + interval, 0);
  let dropped = 0;
  for (const interval of intervals) dropped += Math.max(0, Math.round(interval / FRAME_MS) - 1);
  return {
    frames: intervals.length,
    fps: total > 0 ? round((intervals.length * 1000) / total) : 0,
    dropped_frames: dropped,
    longest_frame_ms: round(Math.max(...intervals)),
  };
}

/** Starts measuring frames and long frames; call `stop()` when the answer ends. */
export function startCadenceMeter(): CadenceMeter {
  const raf = globalThis.requestAnimationFrame;
  const cancel = globalThis.cancelAnimationFrame;
  const intervals: number[] = [];
  let last: number | undefined;
  let handle = 0;
  let running = typeof raf === 'function';
  const onFrame = (time: number): void => {
    if (!running) return;
    if (last !== undefined) intervals.push(time - last);
    last = time;
    handle = raf(onFrame);
  };
  if (running) handle = raf(onFrame);

  let longFrames = 0;
  let longFrameMs = 0;
  let observer: PerformanceObserver | undefined;
  const Observer = globalThis.PerformanceObserver;
  const type = Observer?.supportedEntryTypes?.includes('long-animation-frame')
    ? 'long-animation-frame'
    : Observer?.supportedEntryTypes?.includes('longtask')
      ? 'longtask'
      : undefined;
  if (typeof Observer === 'function' && type !== undefined) {
    try {
      observer = new Observer((list) => {
        for (const entry of list.getEntries()) {
          longFrames++;
          longFrameMs += entry.duration;
        }
      });
      observer.observe({ type });
    } catch {
      observer = undefined;
    }
  }

  return {
    stop() {
      running = false;
      if (handle !== 0) cancel?.(handle);
      observer?.disconnect();
      const summary = summarizeFrames(intervals);
      if (observer !== undefined) {
        summary.long_animation_frames = longFrames;
        summary.long_animation_frame_ms = round(longFrameMs);
      }
      return summary;
    },
  };
}
