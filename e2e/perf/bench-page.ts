/**
 * Driving one bench page (apps/bench): load it with its prior messages, stream
 * one answer, and collect the page's raw samples plus the main thread's script
 * time for that stream (Chrome's own `ScriptDuration`, from the DevTools
 * protocol: not something the page measures about itself).
 */
import { type CDPSession, expect, type Page } from '@playwright/test';
import type {} from './bench-globals.ts';
import type { RawRun } from './bench-metrics.ts';

/** The page's load: prior messages, the mock script streamed, and its rate. */
export interface BenchQuery {
  readonly prior: number;
  readonly script: string;
  readonly tps: number;
  /** The answer ends after the script's first n tokens (the page's `tokens`). */
  readonly tokens?: number;
  /** How the page lists the conversation (`idiomatic`, `virtual`, `plain`); default `idiomatic`. */
  readonly list?: string;
}

function pageUrl(impl: string, query: BenchQuery): string {
  const { prior, script, tps, tokens, list = 'idiomatic' } = query;
  const search = new URLSearchParams({ impl, prior: String(prior), script, tps: String(tps), list });
  if (tokens !== undefined) search.set('tokens', String(tokens));
  return `/?${search}`;
}

/** Loads the page with its prior messages and waits until it settled. */
export async function openReady(page: Page, impl: string, query: BenchQuery): Promise<void> {
  await page.goto(pageUrl(impl, query));
  await page.waitForFunction(() => window.__benchReady === true || window.__benchError !== undefined, null, {
    timeout: 180_000,
  });
  const error = await page.evaluate(() => window.__benchError);
  expect(error, `${impl} failed to load`).toBeUndefined();
}

/** One streamed answer: the page's samples, and the script time (ms) the main thread spent from start to result. */
export interface StreamedRun {
  readonly raw: RawRun;
  readonly scriptMs: number;
  /** JS heap in use after the answer, after a forced garbage collection (MB); NaN unless asked for. */
  readonly heapMb: number;
}

/** What else {@link streamOnce} does around the stream. */
export interface StreamOptions {
  /** Runs once the stream is started, alongside the wait for its end (e.g. typing into the page). */
  readonly during?: (page: Page) => Promise<void>;
  /** Measure the heap after the answer (a forced GC first). */
  readonly heap?: boolean;
}

/** `scriptMs` spread over the answer's `tokens`, per 1,000: comparable across answer lengths and rates. */
export function scriptMsPer1kTokens(scriptMs: number, tokens: number): number {
  return (scriptMs / tokens) * 1000;
}

async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? Number.NaN;
}

/**
 * Streams one answer and returns the raw samples. Waiting polls every 500 ms,
 * not per frame (Playwright's default), so the wait adds no frame callback.
 */
export async function streamOnce(
  page: Page,
  impl: string,
  cpuRate: number,
  query: BenchQuery,
  options: StreamOptions = {},
): Promise<StreamedRun> {
  await openReady(page, impl, query);
  const cdp = await page.context().newCDPSession(page);
  // Throttled only once loaded: mounting 1,000 messages is not what is measured.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  await cdp.send('Performance.enable');
  let scriptMs = Number.NaN;
  let heapMb = Number.NaN;
  try {
    const before = await scriptSeconds(cdp);
    await page.evaluate(() => window.__benchStart?.());
    const ended = page.waitForFunction(
      () => window.__benchResult !== undefined || window.__benchError !== undefined,
      null,
      {
        polling: 500,
        timeout: 240_000,
      },
    );
    await Promise.all([ended, options.during?.(page)]);
    scriptMs = ((await scriptSeconds(cdp)) - before) * 1000;
    if (options.heap) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      heapMb = usedSize / 2 ** 20;
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  const { result, error } = await page.evaluate(() => ({
    result: window.__benchResult,
    error: window.__benchError,
  }));
  expect(error, `${impl} reported an error`).toBeUndefined();
  if (!result) throw new Error(`${impl} published no result`);
  return { raw: result as unknown as RawRun, scriptMs, heapMb };
}
