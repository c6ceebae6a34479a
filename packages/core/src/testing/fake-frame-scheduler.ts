/**
 * A frame clock for tests: time moves only when the test says so, frames run
 * only on `tick()`, and visibility and reduced motion are switches. It also
 * satisfies the core's `Clock` shape (`now`, `setTimeout`, `clearTimeout`), so a
 * real stream run and the React layer can share one fake time base.
 */
import type { FrameScheduler } from '../view/frame-scheduler.ts';

/** A controllable {@link FrameScheduler}. */
export interface FakeFrameScheduler extends FrameScheduler {
  /** Advances time by `ms` (default 16), runs the timers that fall due, then one frame (unless hidden). */
  tick(ms?: number): void;
  /** Advances time by `ms`, running due timers but no frame. */
  advance(ms: number): void;
  /** Switches page visibility and notifies listeners. */
  setHidden(hidden: boolean): void;
  /** Switches the reduced-motion preference. */
  setReducedMotion(reduce: boolean): void;
  /** Frame callbacks waiting for the next `tick()`. */
  readonly pendingFrames: number;
  /** Frames run so far (ticks that had at least one callback). */
  readonly framesRun: number;
}

/** Creates a fake frame clock starting at `start` ms. */
export function createFakeFrameScheduler(start = 0): FakeFrameScheduler {
  let time = start;
  let nextId = 1;
  let hidden = false;
  let reduce = false;
  let framesRun = 0;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; callback: () => void }>();
  const visibility = new Set<() => void>();

  const runTimersUntil = (until: number): void => {
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of timers) if (entry[1].at <= until && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      timers.delete(due[0]);
      time = Math.max(time, due[1].at);
      due[1].callback();
    }
    time = until;
  };

  return {
    now: () => time,
    requestFrame(callback) {
      const id = nextId++;
      frames.set(id, callback);
      return id;
    },
    cancelFrame: (handle) => void frames.delete(handle as number),
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: time + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    isHidden: () => hidden,
    onVisibilityChange(listener) {
      visibility.add(listener);
      return () => visibility.delete(listener);
    },
    prefersReducedMotion: () => reduce,
    tick(ms = 16) {
      runTimersUntil(time + ms);
      if (hidden || frames.size === 0) return;
      const due = [...frames.values()];
      frames.clear();
      framesRun++;
      for (const callback of due) callback();
    },
    advance(ms) {
      runTimersUntil(time + ms);
    },
    setHidden(value) {
      hidden = value;
      for (const listener of [...visibility]) listener();
    },
    setReducedMotion(value) {
      reduce = value;
    },
    get pendingFrames() {
      return frames.size;
    },
    get framesRun() {
      return framesRun;
    },
  };
}
