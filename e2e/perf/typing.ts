/**
 * INP while typing, the same on every page: Event Timing entries of a plain
 * textarea beside the chat (`[data-bench-input]`, outside React), the longest
 * duration per interaction kept; INP is the longest interaction (the pages see
 * fewer than 50). Interactions under Event Timing's 16 ms threshold report
 * nothing, so a page that answers every keystroke quickly reads 16.
 */
import type { Page } from '@playwright/test';

interface InteractionWindow {
  __benchInteractions?: Map<number, number>;
}

/** Starts recording interactions (call before typing). */
export async function watchInteractions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const longest = new Map<number, number>();
    (window as InteractionWindow).__benchInteractions = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[])
        if (entry.interactionId > 0)
          longest.set(entry.interactionId, Math.max(longest.get(entry.interactionId) ?? 0, entry.duration));
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
}

/** The longest interaction since {@link watchInteractions} (at least 16 ms), and how many went over 16 ms. */
export async function readInp(page: Page): Promise<{ inp: number; slow: number }> {
  const durations = await page.evaluate(() => [
    ...((window as InteractionWindow).__benchInteractions?.values() ?? []),
  ]);
  return { inp: Math.max(16, ...durations), slow: durations.length };
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
