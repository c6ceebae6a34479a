'use client';
import type { StreamRun, ToolCallSnapshot } from '@tokenpaint/core';
import { useSharedRunView } from './run-views.ts';
import { useViewSelector } from './use-view-selector.ts';

/** What {@link useToolCall} returns. */
export interface ToolCallProgressState {
  /** The call as of the last commit; `undefined` until the run announces it. */
  readonly call: ToolCallSnapshot | undefined;
  /** Keys (`pathKey(path)`) of every argument path that completed so far (`call.completedPaths`, or empty before the call). */
  readonly completed: ReadonlySet<string>;
}

const NO_PATHS: ReadonlySet<string> = new Set();

const sameProgress = (a: ToolCallProgressState, b: ToolCallProgressState): boolean =>
  a.call === b.call && a.completed === b.completed;

/**
 * Follows one tool call of a run: re-renders only when that call changes (other
 * calls and text tokens do not), at most once per frame.
 */
export function useToolCall(run: StreamRun, id: string): ToolCallProgressState {
  const view = useSharedRunView(run);
  return useViewSelector(
    view,
    (snapshot) => {
      const call = snapshot.toolCalls.find((c) => c.id === id);
      return { call, completed: call?.completedPaths ?? NO_PATHS };
    },
    sameProgress,
  );
}
