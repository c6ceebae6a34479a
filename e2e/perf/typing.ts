/**
 * INP while typing, the same on every page: Event Timing entries of a plain
 * textarea beside the chat (`[data-bench-input]`, outside React), the longest
 * duration per interaction kept; INP is the longest interaction (the pages see
 * fewer than 50). Interactions under Event Timing's 16 ms threshold report
 * nothing, so a page that answers every keystroke quickly reads 16.
 *
 * Beside INP, the main thread's share of each interaction: input delay plus
 * handlers (`processingEnd - startTime`). INP ends at the frame's presentation,
 * and headless Chromium without a GPU presents a page with a tall scroller
 * (1,000 prior rows) in batches about 530 ms apart: measured with rAF steady
 * at 60 fps, input delay and handlers under 2 ms, and keystrokes 107 ms apart
 * reading durations of 488, 384, 272, 160, 56 ms, all ending at one
 * presentation, on every page alike. Long rendering frames show separately,
 * as long animation frames.
 */
import type { Page } from '@playwright/test';

/** Per interaction: the longest duration, and the longest input delay + handlers, ms. */
interface Interaction {
  duration: number;
  mainThread: number;
}

interface InteractionWindow {
  __benchInteractions?: Map<number, Interaction>;
}

/** Starts recording interactions (call before typing). */
export async function watchInteractions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const longest = new Map<number, Interaction>();
    (window as InteractionWindow).__benchInteractions = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        if (entry.interactionId === 0) continue;
        const seen = longest.get(entry.interactionId) ?? { duration: 0, mainThread: 0 };
        longest.set(entry.interactionId, {
          duration: Math.max(seen.duration, entry.duration),
          mainThread: Math.max(seen.mainThread, entry.processingEnd - entry.startTime),
        });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
}

/** What {@link readInp} found since {@link watchInteractions}. */
export interface InteractionFigures {
  /** The longest interaction, ms (at least 16: shorter ones are not reported). */
  readonly inp: number;
  /** How many interactions took over 16 ms. */
  readonly slow: number;
  /** The longest input delay + handlers among them, ms (0 when none was reported). */
  readonly mainThread: number;
}

/** The interactions since {@link watchInteractions}. */
export async function readInp(page: Page): Promise<InteractionFigures> {
  const interactions = await page.evaluate(() => [
    ...((window as InteractionWindow).__benchInteractions?.values() ?? []),
  ]);
  return {
    inp: Math.max(16, ...interactions.map((interaction) => interaction.duration)),
    slow: interactions.length,
    mainThread: Math.max(0, ...interactions.map((interaction) => interaction.mainThread)),
  };
}

/**
 * Types into the page's textarea while its answer streams: from the first text
 * of the answer on, one key every `intervalMs`, until the page published its
 * result or `maxKeys` were typed. Returns what was typed.
 */
export async function typeWhileStreaming(
  page: Page,
  { intervalMs = 100, maxKeys = 30 }: { intervalMs?: number; maxKeys?: number } = {},
): Promise<string> {
  await watchInteractions(page);
  await page.waitForFunction(
    () =>
      (document.querySelector('[data-bench-answer]')?.textContent?.length ?? 0) > 0 ||
      window.__benchResult !== undefined,
    null,
    { polling: 50, timeout: 120_000 },
  );
  const input = page.locator('[data-bench-input]');
  await input.focus();
  let typed = '';
  const keys = 'the page keeps up with my typing while it streams';
  while (typed.length < maxKeys && !(await page.evaluate(() => window.__benchResult !== undefined))) {
    const key = keys[typed.length % keys.length] as string;
    await page.keyboard.type(key);
    typed += key;
    await page.waitForTimeout(intervalMs);
  }
  return typed;
}
