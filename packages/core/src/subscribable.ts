/**
 * The listener set every store of the toolkit uses (the run, its views, the
 * conversation). One error rule for all: a listener that throws is reported
 * (`reportError` where it exists, as browsers have it, else `console.error`)
 * and the others still run, so one broken subscriber can neither stop the
 * stream reaching the rest nor, as an uncaught exception, end a Node process.
 */

/** Reports an error nobody can catch: the page's `reportError`, else the console. */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else console.error('tokenpaint: a listener threw', error);
}

/** A set of change listeners; `notify` calls each once, in subscription order. */
export interface Subscribable {
  /** Adds `listener`; the returned function removes it (calling it twice is harmless). */
  subscribe(listener: () => void): () => void;
  notify(): void;
  readonly size: number;
}

/**
 * Creates an empty listener set. `onFirst` runs when the first listener arrives
 * and `onLast` when the last one leaves: a store subscribes to its source only
 * while somebody listens to it.
 */
export function createSubscribable(hooks: { onFirst?: () => void; onLast?: () => void } = {}): Subscribable {
  const listeners = new Set<() => void>();
  /**
   * The listeners as of the last change, copied once per change rather than per
   * notify (a run notifies once per part, 56,000 times for a 10 MB answer): a
   * listener that unsubscribes another (or itself) during a notify skips no one.
   */
  let round: (() => void)[] | undefined;
  return {
    subscribe(listener) {
      // A function added twice is two subscriptions: wrap it so each call unsubscribes its own.
      const entry = (): void => listener();
      listeners.add(entry);
      round = undefined;
      if (listeners.size === 1) hooks.onFirst?.();
      return () => {
        if (!listeners.delete(entry)) return;
        round = undefined;
        if (listeners.size === 0) hooks.onLast?.();
      };
    },
    notify() {
      round ??= [...listeners];
      for (const listener of round) {
        try {
          listener();
        } catch (error) {
          reportListenerError(error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
