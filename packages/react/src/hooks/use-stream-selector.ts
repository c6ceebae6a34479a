'use client';
import type { StreamRun, StreamSnapshot } from '@tokenpaint/core';
import { useSharedRunView } from './run-views.ts';
import { type EqualityFn, useViewSelector } from './use-view-selector.ts';

/**
 * Reads part of a run's snapshot, re-rendering only when that part changes and
 * at most once per animation frame. Pass an `isEqual` (e.g. a shallow compare)
 * when the selector builds a new object each time.
 *
 * @example
 * const status = useStreamSelector(run, (s) => s.status); // no re-render per token
 */
export function useStreamSelector<T>(
  run: StreamRun,
  selector: (snapshot: StreamSnapshot) => T,
  isEqual?: EqualityFn<T>,
): T {
  const view = useSharedRunView(run);
  return useViewSelector(view, selector, isEqual);
}
