/**
 * Records, for every animation frame, its start time and whether the answer's
 * text was in the DOM at that moment. Installed before the page's own scripts.
 * A rAF callback runs before the frame is painted, so the first frame whose
 * callback sees the text is the first frame that paints it.
 */
import type { Page } from '@playwright/test';

export interface FrameSample {
  readonly time: number;
  readonly textLength: number;
}

declare global {
  interface Window {
    __frames?: FrameSample[];
    __layoutShift?: number;
  }
}

export async function installFrameProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const frames: FrameSample[] = [];
    window.__frames = frames;
    const sample = (time: number) => {
      const text = document.querySelector('[data-tp-part="text"]')?.textContent ?? '';
      frames.push({ time, textLength: text.length });
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);

    // Cumulative layout shift as web-vitals defines it (shifts without recent input).
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[]) {
        if (!entry.hadRecentInput) window.__layoutShift = (window.__layoutShift ?? 0) + entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export async function readFrames(page: Page): Promise<FrameSample[]> {
  return page.evaluate(() => window.__frames ?? []);
}

export async function readLayoutShift(page: Page): Promise<number> {
  return page.evaluate(() => window.__layoutShift ?? 0);
}
