'use client';
import { type RefObject, useEffect, useRef } from 'react';
import { useFrameScheduler } from '../scheduling/scheduler-context.tsx';

/**
 * Keeps an element's text current with the clock, written straight into the DOM
 * every `intervalMs` instead of through React state. While the user waits for a
 * first token, the page has nothing better to do than to read that token the
 * moment it arrives; re-rendering React ten times a second for an elapsed-time
 * label kept the main thread busy exactly then (at 4× CPU slowdown the first
 * token was read up to 65 ms late). A text write costs no render, no diff and no
 * commit, and is skipped when the text is unchanged.
 *
 * `text(elapsedMs, nowMs)` runs once on mount and then on every tick. Nothing is
 * written during the server render, so the markup matches on hydration.
 */
export function useLiveText(
  ref: RefObject<HTMLElement | null>,
  intervalMs: number,
  text: (elapsedMs: number, nowMs: number) => string,
): void {
  const scheduler = useFrameScheduler();
  const latest = useRef(text);
  useEffect(() => {
    latest.current = text;
  });
  useEffect(() => {
    const start = scheduler.now();
    let handle: unknown;
    const step = (): void => {
      const element = ref.current;
      if (element) {
        const now = scheduler.now();
        const next = latest.current(now - start, now);
        if (element.textContent !== next) element.textContent = next;
      }
      handle = scheduler.setTimeout(step, intervalMs);
    };
    step();
    return () => scheduler.clearTimeout(handle);
  }, [scheduler, intervalMs, ref]);
}
