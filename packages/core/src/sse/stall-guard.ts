/**
 * Waits for a promise while watching the clock: after `stallMs` without a result it
 * reports `stalled`, after `abandonMs` it gives up. Used around `fetch` and every
 * `read()`, so a silent connection becomes a state and then an error, never a hang.
 */
import type { Clock } from './clock.ts';
import type { TransportEvent } from './types.ts';

/** Returned by {@link guardStall} when the wait was abandoned. */
export const ABANDONED: unique symbol = Symbol('abandoned');

/**
 * Rejects with the signal's reason when it aborts. A fresh promise per wait, its
 * listener removed by `release`: racing every read against one long-lived pending
 * promise would add a reaction to it per read, and each reaction keeps that read's
 * chunk alive until the connection ends (the whole body, for a long stream).
 */
function whenAborted(signal: AbortSignal): { promise: Promise<never>; release: () => void } {
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, release: () => signal.removeEventListener('abort', onAbort) };
}

function within<T>(
  promise: Promise<T>,
  ms: number,
  clock: Clock,
  signal: AbortSignal,
): Promise<T | typeof ABANDONED> {
  const aborted = whenAborted(signal);
  if (ms === Number.POSITIVE_INFINITY)
    return Promise.race([promise, aborted.promise]).finally(aborted.release);
  let handle: unknown;
  const timeout = new Promise<typeof ABANDONED>((resolve) => {
    handle = clock.setTimeout(() => resolve(ABANDONED), Math.max(0, ms));
  });
  return Promise.race([promise, timeout, aborted.promise]).finally(() => {
    clock.clearTimeout(handle);
    aborted.release();
  });
}

/**
 * Yields `stalled` (and `unstalled` if the result comes after all) around `promise`;
 * returns its value, or {@link ABANDONED} after `abandonMs` in total, whatever `stallMs` is. Rejects as soon as
 * `signal` aborts: an injected `fetch` may ignore the signal, and abort must still end the wait.
 */
export async function* guardStall<T>(
  promise: Promise<T>,
  clock: Clock,
  stallMs: number,
  abandonMs: number,
  signal: AbortSignal,
): AsyncGenerator<TransportEvent, T | typeof ABANDONED> {
  // No stalled phase when it would not come before the abandonment (stallMs ≥
  // abandonMs, or stallMs infinite): the connection is still given up at abandonMs.
  if (!(stallMs < abandonMs)) return await within(promise, abandonMs, clock, signal);
  const first = await within(promise, stallMs, clock, signal);
  if (first !== ABANDONED) return first;
  yield { type: 'stalled', silentForMs: stallMs };
  const second = await within(promise, abandonMs - stallMs, clock, signal);
  if (second !== ABANDONED) yield { type: 'unstalled' };
  return second;
}
