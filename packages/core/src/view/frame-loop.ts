/**
 * One frame callback per scheduler, shared by every store that wants to commit.
 *
 * Stores do not request their own animation frames: two requests in the same
 * frame are two callbacks with a microtask checkpoint between them, and React
 * would commit once per callback. Funnelling every store through one callback
 * makes all their listeners fire in one task, which React batches into a single
 * commit per frame however many streams are on screen.
 *
 * The same funnel lets one commit keep a frame to itself: after the first
 * token of an answer is committed (at once, outside any frame), `holdNextFrame`
 * leaves the frame that paints it free of every store's commits, the
 * conversation list's and other streams' included; they run in the frame after.
 */
import { type CommitPressure, createCommitPressure } from './commit-pressure.ts';
import type { FrameScheduler } from './frame-scheduler.ts';

/** Work to run at the next frame; receives `scheduler.now()`. */
export type FrameTask = (now: number) => void;

/** The shared loop of one scheduler. */
export interface FrameLoop {
  /** Runs `task` once at the next frame (idempotent until it runs). */
  schedule(task: FrameTask): void;
  /** Forgets a scheduled task. */
  cancel(task: FrameTask): void;
  /** Runs every scheduled task now (used to catch up when a hidden page becomes visible). */
  flush(): void;
  /**
   * Runs nothing in the next frame (pages in view only): what is scheduled until
   * then runs in the frame after. The frame that paints a first token paints it
   * alone, rather than running React's next render inside it.
   */
  holdNextFrame(): void;
  /** Frames per commit right now (see `commit-pressure.ts`): 1 while commits are light. */
  readonly stride: number;
}

const DEFAULT_HIDDEN_INTERVAL_MS = 500;
const loops = new WeakMap<FrameScheduler, FrameLoop>();

/** The loop of `scheduler`, created on first use. */
export function getFrameLoop(scheduler: FrameScheduler): FrameLoop {
  let loop = loops.get(scheduler);
  if (!loop) {
    loop = createFrameLoop(scheduler);
    loops.set(scheduler, loop);
  }
  return loop;
}

function createFrameLoop(scheduler: FrameScheduler): FrameLoop {
  const tasks = new Set<FrameTask>();
  const pressure: CommitPressure = createCommitPressure();
  let pending: { kind: 'frame' | 'timer'; handle: unknown } | null = null;
  /** The next frame is held (see `holdNextFrame`); a frame is pending for it. */
  let holding = false;
  // Visibility is watched only while something is pending: a loop with nothing to do holds no
  // document listener, so a scheduler created per render (`{ ...browserFrameScheduler, … }`)
  // does not leave one behind each time.
  let unwatch: (() => void) | null = null;

  const unwatchIfIdle = (): void => {
    if (pending || holding || tasks.size > 0 || !unwatch) return;
    unwatch();
    unwatch = null;
  };

  const stop = (): void => {
    if (!pending) return;
    if (pending.kind === 'frame') scheduler.cancelFrame(pending.handle);
    else scheduler.clearTimeout(pending.handle);
    pending = null;
  };

  const flush = (): void => {
    stop();
    holding = false;
    const list = [...tasks];
    tasks.clear();
    const now = scheduler.now();
    // Tasks may schedule themselves again (a pacer still revealing text): they land in the next frame.
    for (const task of list) task(now);
    unwatchIfIdle();
  };

  /**
   * A frame with work: commits, unless commits are heavy and this is one of the
   * frames left free (then the work waits for a later frame). The commit's work
   * is timed to the end of the microtasks it queued, where React renders a store
   * change made in a frame callback.
   */
  const onFrame = (): void => {
    pending = null;
    if (holding) {
      holding = false;
      start();
      unwatchIfIdle();
      return;
    }
    if (!pressure.shouldCommit()) {
      start();
      return;
    }
    const started = scheduler.now();
    flush();
    pressure.measured(scheduler.now() - started);
    queueMicrotask(() => pressure.measured(scheduler.now() - started));
  };

  const start = (): void => {
    if (pending || tasks.size === 0) return;
    unwatch ??= scheduler.onVisibilityChange(onVisibility);
    // Hidden pages run no frame callbacks: a timer keeps state current (titles, conversation lists).
    pending = scheduler.isHidden()
      ? {
          kind: 'timer',
          handle: scheduler.setTimeout(flush, scheduler.hiddenIntervalMs ?? DEFAULT_HIDDEN_INTERVAL_MS),
        }
      : { kind: 'frame', handle: scheduler.requestFrame(onFrame) };
  };

  const onVisibility = (): void => {
    if (!pending) return;
    if (scheduler.isHidden()) {
      // A frame requested just before hiding would not run until the page comes back;
      // a hidden page paints nothing, so no frame is worth holding.
      stop();
      holding = false;
      start();
    } else {
      // Back in view: show everything at once rather than waiting for the timer.
      flush();
    }
  };

  return {
    schedule(task) {
      tasks.add(task);
      start();
    },
    cancel(task) {
      // Only a task that was pending: inside flush() `tasks` is already empty, and
      // stopping there would drop and re-add the visibility listener every frame
      // (flush ends with its own idle check).
      if (!tasks.delete(task)) return;
      // A held frame stays requested: a task scheduled before it must still skip it.
      if (tasks.size === 0 && !holding) {
        stop();
        unwatchIfIdle();
      }
    },
    flush,
    holdNextFrame() {
      if (scheduler.isHidden()) return;
      holding = true;
      if (pending?.kind === 'frame') return;
      stop();
      unwatch ??= scheduler.onVisibilityChange(onVisibility);
      pending = { kind: 'frame', handle: scheduler.requestFrame(onFrame) };
    },
    get stride() {
      return pressure.stride;
    },
  };
}
