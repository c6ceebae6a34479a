/**
 * What a bench page (apps/bench/src/probe.ts) exposes on `window`, for the
 * runner's `page.evaluate` callbacks.
 */
declare global {
  interface Window {
    __benchReady?: boolean;
    __benchStart?: () => void;
    __benchResult?: unknown;
    __benchError?: string;
  }
}

/** Marks this file as a module so `declare global` applies. */
export type BenchWindow = Window;
