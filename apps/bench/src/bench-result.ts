/**
 * What one bench run records, as the page exposes it on `window.__benchResult`.
 * Types only, with no DOM or global declarations, so the Playwright runner that
 * turns these samples into figures (e2e/perf) reads the same definition.
 */

/** A long task as the Long Tasks API reports it. */
export interface LongTaskSample {
  readonly start: number;
  readonly duration: number;
}

/** Everything one run recorded; all times are `performance.now()` milliseconds. */
export interface BenchResult {
  readonly impl: string;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  /** The chat request's `fetch` was called. */
  readonly requestStart: number;
  readonly firstByte: number | null;
  readonly firstTokenRead: number | null;
  /** tokenpaint only: the run's own `timing.firstToken` (after parsing), as a cross-check. */
  readonly libraryFirstToken: number | null;
  /** A MutationObserver (microtask after the DOM change) first found text in the answer element. */
  readonly firstTokenInDom: number | null;
  readonly firstTokenPainted: number | null;
  /** The last bytes of the response were read (some readers cancel after the final event instead of reading `done`). */
  readonly lastByteRead: number | null;
  /** Every read of the response body: when, and how many bytes. */
  readonly reads: readonly { readonly time: number; readonly bytes: number }[];
  /** The effect after the commit that shows the finished answer ran. */
  readonly doneAt: number;
  /** Commit times (one per `<Profiler onRender>` call at the root) and their render durations. */
  readonly commits: readonly number[];
  readonly commitDurations: readonly number[];
  /** Start times of animation frames from the start request on. */
  readonly frames: readonly number[];
  readonly longTasks: readonly LongTaskSample[];
  /**
   * Long animation frames (`long-animation-frame`, frames over 50 ms), where the browser reports them;
   * absent from pages built before they were recorded (compare-builds runs old builds).
   */
  readonly longAnimationFrames?: readonly LongTaskSample[];
  /** The answer's text as the library holds it at the end. */
  readonly finalText: string;
  /** Characters of text in the answer element at the end (rendered Markdown, so fewer than `finalText`). */
  readonly renderedTextLength: number;
}
