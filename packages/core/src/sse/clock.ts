/**
 * Time and timers, injected. Production uses `performance.now()` and the global
 * timers; unit tests pass a fake so stall, backoff and Retry-After paths run
 * deterministically in microseconds instead of seconds.
 */

/** The time source and timer pair the stream core reads; matches the globals' shape. */
export interface Clock {
  /** Monotonic milliseconds (`performance.now()` by default). */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** `performance.now()` plus the global timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Resolves after `ms` on `clock`; rejects with the signal's reason on abort and
 * removes its listener and timer either way, so an aborted backoff leaves nothing behind.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
