/**
 * Predicates over {@link StreamStatus}, written once: the run, the view and every
 * UI ask the same two questions, and four hand-written copies drifted apart.
 */
import type { StreamStatus } from './types.ts';

/** Statuses after which a run produces nothing more (a `retry()` starts a new generation). */
const TERMINAL: ReadonlySet<StreamStatus> = new Set(['done', 'error', 'aborted']);

/** True once the run ended: `done`, `error` or `aborted`. */
export function isTerminal(status: StreamStatus): boolean {
  return TERMINAL.has(status);
}

/** True while the run may still produce output (a UI offers Stop): every status that is not terminal. */
export function isRunning(status: StreamStatus): boolean {
  return !TERMINAL.has(status);
}
