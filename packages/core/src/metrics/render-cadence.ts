/**
 * How smoothly the page rendered while an answer streamed: animation-frame
 * intervals (fps, dropped frames, the longest frame) and long animation frames
 * (`long-animation-frame`, `longtask` where that is missing). Feature-detected:
 * without animation frames it measures nothing and says so by reporting nothing.
 */

import { type BeaconLongFrameScript, MAX_STRING_LENGTH } from '../beacon/schema.ts';

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
  /**
   * The longest scripts of the long animation frames seen (at most
   * {@link MAX_LONG_FRAME_SCRIPTS}, longest first): empty where the browser has
   * no `long-animation-frame` entries (`longtask` carries no attribution).
   */
  readonly longFrameScripts: readonly BeaconLongFrameScript[];
}

/** How many long-frame scripts an answer keeps: the worst few say what to fix. */
export const MAX_LONG_FRAME_SCRIPTS = 5;

/** A `PerformanceScriptTiming`, as far as it is read here. */
interface ScriptTiming {
  readonly invoker?: string;
  readonly sourceURL?: string;
  readonly sourceFunctionName?: string;
  readonly duration: number;
}

/** A URL without its query and fragment, which may carry user data. */
function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

function scriptOf(script: ScriptTiming): BeaconLongFrameScript {
  const out: BeaconLongFrameScript = {
    invoker: withoutQuery(script.invoker || 'unknown').slice(0, MAX_STRING_LENGTH),
    dur_ms: round(script.duration),
  };
  if (script.sourceURL) out.source_url = withoutQuery(script.sourceURL).slice(0, MAX_STRING_LENGTH);
  if (script.sourceFunctionName) out.function = script.sourceFunctionName.slice(0, MAX_STRING_LENGTH);
  return out;
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
  // The longest scripts so far, longest first: a bounded record however long the answer.
  const scripts: BeaconLongFrameScript[] = [];
  const keepScript = (script: ScriptTiming): void => {
    if (typeof script?.duration !== 'number' || !Number.isFinite(script.duration)) return;
    const worst = scripts.at(-1);
    if (scripts.length === MAX_LONG_FRAME_SCRIPTS && worst !== undefined && worst.dur_ms >= script.duration)
      return;
    scripts.push(scriptOf(script));
    scripts.sort((a, b) => b.dur_ms - a.dur_ms);
    scripts.length = Math.min(scripts.length, MAX_LONG_FRAME_SCRIPTS);
  };
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
          const entryScripts = (entry as { scripts?: readonly ScriptTiming[] }).scripts;
          if (Array.isArray(entryScripts)) for (const script of entryScripts) keepScript(script);
        }
      });
      observer.observe({ type });
    } catch {
      observer = undefined;
    }
  }

  return {
    get longFrameScripts() {
      return scripts;
    },
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
