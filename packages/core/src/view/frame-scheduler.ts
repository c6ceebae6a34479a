/**
 * Time, frames and page visibility, injected. Production reads
 * `requestAnimationFrame`, `performance.now()`, `document.visibilityState` and
 * `matchMedia`; unit tests pass a fake frame clock they advance by hand, so
 * "at most one commit per frame" is asserted deterministically instead of
 * measured against a real display (the TanStack `notifyManager` idea applied to
 * frames).
 */

/** What the React layer needs from the platform to pace its commits. */
export interface FrameScheduler {
  /** Monotonic milliseconds; the same time base as the stream run's clock (`performance.now()` in browsers). */
  now(): number;
  /** Runs `callback` before the next paint; returns a handle for {@link FrameScheduler.cancelFrame}. */
  requestFrame(callback: () => void): unknown;
  cancelFrame(handle: unknown): void;
  /** A plain timer: used while the page is hidden (frames stop) and for elapsed-time displays. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** True while the page is hidden (a background tab), when browsers stop running frame callbacks. */
  isHidden(): boolean;
  /** Calls `listener` when visibility changes; returns the unsubscribe function. */
  onVisibilityChange(listener: () => void): () => void;
  /** The user asked the system to minimize motion (`prefers-reduced-motion: reduce`). */
  prefersReducedMotion(): boolean;
  /** Interval of the timer that replaces frames while the page is hidden. Default 500 ms. */
  readonly hiddenIntervalMs?: number;
}

/**
 * The production scheduler. Every member reads the globals only when called,
 * never at import, so server rendering and React Server Components can import
 * this module safely; without `requestAnimationFrame` (Node, workers) frames
 * fall back to a 16 ms timer.
 */
export const browserFrameScheduler: FrameScheduler = {
  now: () => (typeof performance === 'undefined' ? Date.now() : performance.now()),
  requestFrame: (callback) =>
    typeof requestAnimationFrame === 'function'
      ? { raf: requestAnimationFrame(() => callback()) }
      : { timer: globalThis.setTimeout(callback, 16) },
  cancelFrame: (handle) => {
    const h = handle as { raf?: number; timer?: ReturnType<typeof setTimeout> };
    if (h.raf !== undefined) cancelAnimationFrame(h.raf);
    if (h.timer !== undefined) globalThis.clearTimeout(h.timer);
  },
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onVisibilityChange: (listener) => {
    if (typeof document === 'undefined') return () => {};
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  prefersReducedMotion: () => reducedMotionQuery()?.matches ?? false,
};

let reducedMotion: MediaQueryList | null | undefined;

/** The media query list, created on first use (read every paced frame, so not rebuilt each time). */
function reducedMotionQuery(): MediaQueryList | null {
  if (reducedMotion === undefined) {
    reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  }
  return reducedMotion;
}
