/**
 * The time source the mock waits on between writes. Injected so unit tests can
 * drive streams without real waiting; production uses {@link realClock}.
 */
export interface MockClock {
  /** Milliseconds on a monotonic scale (only differences are used). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, or as soon as `signal` aborts (it must
   * resolve, not reject, and must clear its timer: an aborted stream leaves no
   * timer behind).
   */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The default clock: `performance.now()` and `setTimeout`. */
export const realClock: MockClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
