/**
 * The listener set every store of the toolkit uses (the run, its views, the
 * conversation). One error rule for all: a listener that throws is reported
 * (`reportError` in browsers, an uncaught exception in Node) after the others
 * ran, so one broken subscriber cannot stop the stream reaching the rest.
 */

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
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
