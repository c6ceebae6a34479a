'use client';
/**
 * The views the hooks read, with the binding's one React-specific timing rule.
 *
 * React renders what a `useSyncExternalStore` notification asks for at the next
 * microtask checkpoint, not at once. A run delivers one network read part by part,
 * notifying after each, so the view's urgent first-token commit happens before the
 * rest of that read is applied. The catch-up queued here, before the view notifies
 * React, runs first in that checkpoint and commits the rest of the read, so
 * React's render shows the whole read instead of leaving all but its first token
 * for the next frame (for Markdown, whose first token is often markup like `#`
 * that renders nothing, that frame is the first one with visible text). One
 * microtask serves every view, so it is queued by the first urgent commit of a
 * task and thus always ahead of React's own.
 */
import type { StreamProtocol, StreamRun } from '@tokenpaint/core';
import {
  createRunView,
  getSharedRunView,
  idleView,
  type PacingOptions,
  type RunView,
} from '@tokenpaint/core/view';
import { useMemo } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';

const catchUps = new Set<() => void>();
let catchUpQueued = false;

function runCatchUps(): void {
  catchUpQueued = false;
  const list = [...catchUps];
  catchUps.clear();
  for (const catchUp of list) catchUp();
}

/** `RunViewOptions.onUrgentCommit` for views React renders. */
export function catchUpBeforeReactRenders(catchUp: () => void): void {
  catchUps.add(catchUp);
  if (catchUpQueued) return;
  catchUpQueued = true;
  queueMicrotask(runCatchUps);
}

/** The unpaced view of `run` every component of this scheduler shares. */
export function useSharedRunView(run: StreamRun): RunView {
  const scheduler = useFrameScheduler();
  return getSharedRunView(run, scheduler, catchUpBeforeReactRenders);
}

/**
 * The view `useStream` reads: the shared one without pacing, an own paced view
 * with it (pacing holds text back per reader), and before the run exists the idle
 * `connecting` view of `protocol`. `pacing` is compared by value.
 */
export function useRunView(
  run: StreamRun | null,
  pacing: PacingOptions | boolean,
  protocol: StreamProtocol | undefined,
): RunView {
  const scheduler = useFrameScheduler();
  const pacingKey = JSON.stringify(pacing);
  // biome-ignore lint/correctness/useExhaustiveDependencies: pacing is compared by value through pacingKey.
  return useMemo(() => {
    if (!run) return idleView(protocol);
    return pacing
      ? createRunView(run, { scheduler, pacing, onUrgentCommit: catchUpBeforeReactRenders })
      : getSharedRunView(run, scheduler, catchUpBeforeReactRenders);
  }, [run, scheduler, pacingKey, protocol]);
}
