/**
 * What measuring costs: the same chat as chat-render.bench.ts (1,000 prior
 * Markdown messages, one answer at 1,000 tok/s) streamed by tokenpaint alone
 * and by tokenpaint inside a <TokenpaintProvider> that measures and reports
 * every answer (paint timing, cadence meter, web vitals, beacon batching; the
 * send is a no-op). Runs alternate between the two, each in a fresh context,
 * and the medians are compared: main-thread script time per 1,000 tokens
 * (Chrome's ScriptDuration) and fps. Only sanity is asserted; figures are printed.
 *
 *   TOKENPAINT_CHROMIUM=/usr/bin/chromium pnpm --dir e2e run bench perf/metrics-overhead.bench.ts
 */
import { expect, test } from '@playwright/test';
import { SCRIPTS, tokenize } from '@tokenpaint/mock-llm';
import { median, runMetrics } from './bench-metrics.ts';
import { scriptMsPer1kTokens, streamOnce } from './bench-page.ts';

const ARMS = ['tokenpaint', 'tokenpaint-metrics'] as const;
const RUNS = Number(process.env.BENCH_RUNS ?? 6);
const CPU = Number(process.env.BENCH_CPU ?? 1);
const QUERY = {
  prior: Number(process.env.BENCH_PRIOR ?? 1000),
  script: (process.env.BENCH_SCRIPT ?? 'long') as keyof typeof SCRIPTS,
  tps: Number(process.env.BENCH_TPS ?? 1000),
};

test('metrics on vs off: script time per 1k tokens and fps, alternating runs', async ({ browser }) => {
  const tokens = tokenize(SCRIPTS[QUERY.script].text).length;
  const samples: Record<(typeof ARMS)[number], { scriptPer1k: number[]; fps: number[] }> = {
    tokenpaint: { scriptPer1k: [], fps: [] },
    'tokenpaint-metrics': { scriptPer1k: [], fps: [] },
  };
  for (let run = 0; run < RUNS; run++) {
    // Alternate which arm goes first, so drift on the machine falls on both.
    const order = run % 2 === 0 ? ARMS : [...ARMS].reverse();
    for (const arm of order) {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        const { raw, scriptMs } = await streamOnce(page, arm, CPU, QUERY);
        expect(raw.finalText, `${arm} run ${run + 1}: final text equals the script`).toBe(
          SCRIPTS[QUERY.script].text,
        );
        const { fps } = runMetrics(raw);
        const scriptPer1k = scriptMsPer1kTokens(scriptMs, tokens);
        samples[arm].scriptPer1k.push(scriptPer1k);
        samples[arm].fps.push(fps);
        console.log(
          `${arm} run ${run + 1}: ${scriptPer1k.toFixed(1)} script ms / 1k tokens, ${fps.toFixed(1)} fps`,
        );
      } finally {
        await context.close();
      }
    }
  }
  const off = samples.tokenpaint;
  const on = samples['tokenpaint-metrics'];
  const [scriptOff, scriptOn] = [median(off.scriptPer1k), median(on.scriptPer1k)];
  const [fpsOff, fpsOn] = [median(off.fps), median(on.fps)];
  console.log(
    `\nMetrics overhead (${QUERY.prior} prior messages, script "${QUERY.script}" = ${tokens} tokens, ` +
      `${QUERY.tps} tok/s, ${CPU}× CPU, medians of ${RUNS} alternating runs per arm)\n` +
      `  script ms / 1k tokens: off ${scriptOff.toFixed(1)}, on ${scriptOn.toFixed(1)} ` +
      `(${(((scriptOn - scriptOff) / scriptOff) * 100).toFixed(1)}%)\n` +
      `  fps:                   off ${fpsOff.toFixed(1)}, on ${fpsOn.toFixed(1)} (${(fpsOn - fpsOff).toFixed(1)})\n`,
  );
});
