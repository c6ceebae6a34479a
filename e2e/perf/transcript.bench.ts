/**
 * A 10,000-message conversation in tokenpaint's `<Transcript>` (the bench
 * page's tokenpaint chat, prior messages as memoized Streamdown rows) while a
 * ~9,700-token answer streams at 1,000 tok/s, at 1× CPU: frame rate and the
 * longest frame, 3 runs in fresh contexts. Targets: median fps ≥ 57, no frame
 * over 50 ms. Figures are printed with a verdict; only that each run finished
 * with the script's exact text is asserted.
 *
 *   TOKENPAINT_CHROMIUM=/usr/bin/chromium pnpm --dir e2e run bench perf/transcript.bench.ts
 */
import { loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { SCRIPTS } from '@tokenpaint/mock-llm';
import { median, runMetrics } from './bench-metrics.ts';
import { streamOnce } from './bench-page.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUERY = { prior: 10_000, script: 'long', tps: 1000 } as const;

test('a 10,000-message transcript stays smooth while an answer streams at 1,000 tok/s', async ({
  browser,
}) => {
  const fps: number[] = [];
  const longest: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const { raw } = await streamOnce(page, 'tokenpaint', 1, QUERY);
      expect(raw.finalText, `run ${run}: the answer is the script`).toBe(SCRIPTS.long.text);
      const metrics = runMetrics(raw);
      fps.push(metrics.fps);
      longest.push(metrics.maxFrameMs);
      console.log(
        `run ${run}: ${metrics.fps.toFixed(1)} fps, p95 frame ${metrics.p95FrameMs.toFixed(1)} ms, longest ${metrics.maxFrameMs.toFixed(1)} ms, ` +
          `${metrics.commitsPerFrame.toFixed(2)} commits/frame, load ${(loadavg()[0] ?? 0).toFixed(2)}`,
      );
    } finally {
      await context.close();
    }
  }
  const medianFps = median(fps);
  const worst = Math.max(...longest);
  console.log(
    `\n<Transcript>, ${QUERY.prior} prior messages, ${QUERY.tps} tok/s, 1× CPU, ${RUNS} runs, ${new Date().toISOString()}:` +
      ` median ${medianFps.toFixed(1)} fps (target ≥ 57: ${medianFps >= 57 ? 'met' : 'MISSED'}),` +
      ` longest frame ${worst.toFixed(1)} ms (target ≤ 50: ${worst <= 50 ? 'met' : 'MISSED'})`,
  );
});
