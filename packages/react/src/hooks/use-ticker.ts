'use client';
import { useEffect, useState } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';

/** Start and current time of a ticker, in scheduler milliseconds. */
export interface Tick {
  /** When the component mounted. */
  readonly start: number;
  /** The time at the last tick. */
  readonly now: number;
}

/**
 * Re-renders the calling component every `intervalMs` (elapsed times, countdowns).
 * `null` during the server render and the hydrating render, so the markup matches
 * (time is only read in effects). Use it in a small leaf: only that leaf ticks.
 */
export function useTicker(intervalMs: number): Tick | null {
  const scheduler = useFrameScheduler();
  const [tick, setTick] = useState<Tick | null>(null);
  useEffect(() => {
    const start = scheduler.now();
    let handle: unknown;
    const step = (): void => {
      setTick({ start, now: scheduler.now() });
      handle = scheduler.setTimeout(step, intervalMs);
    };
    step();
    return () => scheduler.clearTimeout(handle);
  }, [scheduler, intervalMs]);
  return tick;
}
