/**
 * Is the page responsive while an answer streams? At 4× CPU, with 1,000 prior
 * messages and the `long` answer at 1,000 tok/s, a script types 40 characters
 * (80 ms apart) into a plain textarea beside the chat, the same on every page,
 * outside React. Event Timing reports each keystroke's interaction; INP here is
 * the longest interaction (fewer than 50 interactions). Implementations are
 * interleaved rep by rep, fresh context each. Figures are printed; only that
 * the typed text arrived whole is asserted.
 *
 *   TOKENPAINT_CHROMIUM=/usr/bin/chromium pnpm --dir e2e run bench perf/typing-inp.bench.ts
 */
import { loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import type {} from './bench-globals.ts';
import { median } from './bench-metrics.ts';
import { openReady } from './bench-page.ts';
import { rotated } from './interleave.ts';
import { readInp, watchInteractions } from './typing.ts';

const IMPLS = ['tokenpaint', 'tokenpaint-streamdown', 'ai-sdk', 'ai-sdk-throttle'] as const;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CPU = Number(process.env.BENCH_CPU ?? 4);
const QUERY = { prior: 1000, script: 'long', tps: 1000 } as const;
const TYPED = 'the page should keep up with my typing';

test('INP while typing during a stream, every implementation, interleaved', async ({ browser }) => {
  const inp: Record<string, number[]> = {};
  for (let run = 1; run <= RUNS; run++) {
    for (const impl of rotated(IMPLS, run)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await openReady(page, impl, QUERY);
        await watchInteractions(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
        await page.evaluate(() => window.__benchStart?.());
        // Into the stream: the answer is arriving and being committed.
        await page.waitForFunction(
          () => (document.querySelector('[data-bench-answer]')?.textContent?.length ?? 0) > 400,
          null,
          { polling: 100, timeout: 60_000 },
        );
        const input = page.locator('[data-bench-input]');
        await input.focus();
        await page.keyboard.type(TYPED, { delay: 80 });
        await page.waitForTimeout(500);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        expect(await input.inputValue(), `${impl} run ${run}: every keystroke arrived`).toBe(TYPED);
        const { inp: worst, slow, mainThread } = await readInp(page);
        inp[impl] = [...(inp[impl] ?? []), worst];
        console.log(
          `${CPU}× ${impl} run ${run}: INP ${worst.toFixed(0)} ms (${slow} interactions over 16 ms; longest input delay + handlers ${mainThread.toFixed(1)} ms), load ${(loadavg()[0] ?? 0).toFixed(2)}`,
        );
      } finally {
        await context.close();
      }
    }
  }
  console.log(
    `\nINP while typing during a stream, ${CPU}× CPU, ${QUERY.prior} prior messages, ${QUERY.tps} tok/s, median of ${RUNS} interleaved runs, ${new Date().toISOString()}`,
  );
  for (const impl of IMPLS)
    console.log(
      `  ${impl.padEnd(22)} ${median(inp[impl] ?? []).toFixed(0)} ms  (runs: ${(inp[impl] ?? []).map((v) => v.toFixed(0)).join(', ')})`,
    );
});
