/**
 * Waits for a promise while watching the clock: after `stallMs` without a result it
 * reports `stalled`, after `abandonMs` it gives up. Used around `fetch` and every
 * `read()`, so a silent connection becomes a state and then an error, never a hang.
 */
import type { Clock } from './clock.ts';
import type { TransportEvent } from './types.ts';

/** Returned by {@link guardStall} when the wait was abandoned. */
export const ABANDONED: unique symbol = Symbol('abandoned');

function within<T>(
  promise: Promise<T>,
  ms: number,
  clock: Clock,
  aborted: Promise<never>,
): Promise<T | typeof ABANDONED> {
  if (ms === Number.POSITIVE_INFINITY) return Promise.race([promise, aborted]);
  let handle: unknown;
  const timeout = new Promise<typeof ABANDONED>((resolve) => {
    handle = clock.setTimeout(() => resolve(ABANDONED), Math.max(0, ms));
  });
  return Promise.race([promise, timeout, aborted]).finally(() => clock.clearTimeout(handle));
}

/**
 * Yields `stalled` (and `unstalled` if the result comes after all) around `promise`;
 * returns its value, or {@link ABANDONED} after `abandonMs` in total. Rejects as soon as
 * `aborted` rejects: an injected `fetch` may ignore the signal, and abort must still end the wait.
 */
export async function* guardStall<T>(
  promise: Promise<T>,
  clock: Clock,
  stallMs: number,
  abandonMs: number,
  aborted: Promise<never>,
): AsyncGenerator<TransportEvent, T | typeof ABANDONED> {
  const first = await within(promise, stallMs, clock, aborted);
  if (first !== ABANDONED) return first;
  yield { type: 'stalled', silentForMs: stallMs };
  const second = await within(promise, abandonMs - stallMs, clock, aborted);
  if (second !== ABANDONED) yield { type: 'unstalled' };
  return second;
}
