/**
 * Side-by-side: the same chat (1,000 prior Markdown messages as the same
 * memoized Streamdown rows, one streamed answer at 1,000 tok/s) in tokenpaint
 * (its own <StreamingMarkdown> for the answer, and Streamdown in its Text slot
 * for equal terms) and in the AI SDK's useChat (Streamdown; unthrottled, and
 * with `throttle: 50`), at normal speed and at 4× CPU slowdown. Runs are
 * interleaved rep by rep (the order of the implementations rotates each rep),
 * each in a fresh context, with the machine's load average recorded per run.
 * Besides the page's samples, each run records the main thread's script time
 * (Chrome's `ScriptDuration`) per 1,000 streamed tokens. Prints medians and
 * ratios; writes every run's raw samples and figures to perf/results/. Only
 * sanity is asserted (each run finished with exactly the script's text): the
 * figures are reported.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { SCRIPTS, tokenize } from '@tokenpaint/mock-llm';
import type {} from './bench-globals.ts';
import { medianMetrics, type RawRun, runMetrics } from './bench-metrics.ts';
import { openReady, scriptMsPer1kTokens, streamOnce } from './bench-page.ts';
import { formatMedians, formatRatios, type TableMetrics, type TableRow } from './bench-table.ts';
import { rotated } from './interleave.ts';

const ALL_IMPLS = ['tokenpaint', 'tokenpaint-streamdown', 'ai-sdk', 'ai-sdk-throttle', 'naive'] as const;
/** `BENCH_IMPLS=tokenpaint,ai-sdk` runs a subset (every implementation by default). */
const IMPLS = ALL_IMPLS.filter((impl) =>
  (process.env.BENCH_IMPLS ?? ALL_IMPLS.join(',')).split(',').includes(impl),
);
/** `idiomatic` (each page's own list), or the same list on every side: `plain,virtual` runs the matrix. */
const LISTS = (process.env.BENCH_LISTS ?? 'idiomatic').split(',');

/** One page of the matrix: an implementation with a list mode, labelled for the table. */
interface Arm {
  readonly impl: (typeof ALL_IMPLS)[number];
  readonly list: string;
  readonly label: string;
}
const ARMS: readonly Arm[] = LISTS.flatMap((list) =>
  IMPLS.map((impl) => ({ impl, list, label: list === 'idiomatic' ? impl : `${impl}, ${list}` })),
);
const CPUS = [
  { name: '1×', rate: 1 },
  { name: '4×', rate: 4 },
].filter((cpu) => (process.env.BENCH_CPUS ?? '1,4').split(',').includes(String(cpu.rate)));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PRIOR = Number(process.env.BENCH_PRIOR ?? 1000);
const SCRIPT = (process.env.BENCH_SCRIPT ?? 'long') as keyof typeof SCRIPTS;
const TPS = Number(process.env.BENCH_TPS ?? 1000);
const SCRIPT_TOKENS = tokenize(SCRIPTS[SCRIPT].text).length;
const RESULTS = new URL('./results/', import.meta.url);
const BENCH_QUERY = { prior: PRIOR, script: SCRIPT, tps: TPS };

test.describe.configure({ mode: 'serial' });

interface Measured {
  readonly cpu: string;
  readonly impl: string;
  readonly run: number;
  readonly metrics: TableMetrics;
  readonly raw: RawRun;
  /** The machine's 1-minute load average when the run ended. */
  readonly load: number;
}

const measured: Measured[] = [];

test('both pages render the chat mid-stream (screenshots)', async ({ page }) => {
  await mkdir(RESULTS, { recursive: true });
  for (const impl of IMPLS) {
    await openReady(page, impl, { ...BENCH_QUERY, list: LISTS[0] ?? 'idiomatic' });
    await page.evaluate(() => window.__benchStart?.());
    // About a third of the way through the long answer at 1,000 tok/s.
    await page.waitForFunction(
      () => (document.querySelector('[data-bench-answer]')?.textContent?.length ?? 0) > 8000,
      null,
      { polling: 200, timeout: 60_000 },
    );
    await page.screenshot({ path: new URL(`${impl}-mid-stream.png`, RESULTS).pathname });
    const visible = await page.locator('[data-bench-answer]').isVisible();
    expect(visible, `${impl}: the streaming answer is on screen`).toBe(true);
    await page.waitForFunction(() => window.__benchResult !== undefined, null, {
      polling: 500,
      timeout: 120_000,
    });
  }
});

for (const cpu of CPUS) {
  test(`every implementation at ${cpu.name} CPU, ${PRIOR} prior messages, ${TPS} tok/s, interleaved reps`, async ({
    browser,
  }) => {
    for (let run = 1; run <= RUNS; run++) {
      // Rotate the order each rep, so drift on the machine falls on every implementation.
      for (const { impl, list, label } of rotated(ARMS, run)) {
        // A fresh context per run: no warm caches or leftover heap from the previous run.
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
          const { raw, scriptMs } = await streamOnce(page, impl, cpu.rate, { ...BENCH_QUERY, list });
          expect(raw.finalText, `${label} run ${run}: final text equals the script`).toBe(
            SCRIPTS[SCRIPT].text,
          );
          const metrics = { ...runMetrics(raw), scriptMsPer1k: scriptMsPer1kTokens(scriptMs, SCRIPT_TOKENS) };
          const load = loadavg()[0] ?? 0;
          measured.push({ cpu: cpu.name, impl: label, run, metrics, raw, load });
          console.log(
            `${cpu.name} ${label} run ${run}: ${metrics.commitsPerFrame.toFixed(2)} commits/frame, ` +
              `read→paint ${metrics.readToPaintMs.toFixed(1)} ms, ${metrics.fps.toFixed(1)} fps, ` +
              `script ${metrics.scriptMsPer1k.toFixed(0)} ms/1k tokens, ` +
              `max frame ${metrics.maxFrameMs.toFixed(1)} ms, load ${load.toFixed(2)}`,
          );
        } finally {
          await context.close();
        }
      }
    }
  });
}

test.afterAll(async () => {
  if (measured.length === 0) return;
  const rows: TableRow[] = [];
  for (const cpu of CPUS) {
    for (const { label } of ARMS) {
      const runs = measured.filter((m) => m.cpu === cpu.name && m.impl === label);
      if (runs.length > 0)
        rows.push({
          cpu: cpu.name,
          impl: label,
          runs: runs.length,
          metrics: medianMetrics(runs.map((r) => r.metrics)),
        });
    }
  }
  const loads = measured.map((m) => m.load);
  const setup = `${PRIOR} prior messages, script "${SCRIPT}", ${TPS} tok/s, medians of ${RUNS} interleaved runs, load ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`;
  // Ratios within one list mode: tokenpaint against the others on the same list.
  const ratios = LISTS.map((list) => {
    const labels = new Set(ARMS.filter((arm) => arm.list === list).map((arm) => arm.label));
    const reference =
      ARMS.find((arm) => arm.list === list && arm.impl === 'tokenpaint')?.label ?? 'tokenpaint';
    return formatRatios(
      rows.filter((row) => labels.has(row.impl)),
      reference,
    );
  });
  console.log(`\nChat render benchmark (${setup})\n\n${formatMedians(rows)}\n\n${ratios.join('\n\n')}\n`);
  await mkdir(RESULTS, { recursive: true });
  const json = JSON.stringify(
    { setup: { prior: PRIOR, script: SCRIPT, tps: TPS, runs: RUNS }, rows, runs: measured },
    null,
    1,
  );
  const stamp = new Date().toISOString().replaceAll(':', '-');
  await writeFile(new URL(`chat-render-${stamp}.json`, RESULTS), json);
  await writeFile(new URL('chat-render-latest.json', RESULTS), json);
  console.log(`Raw samples and figures: ${new URL('chat-render-latest.json', RESULTS).pathname}`);
});
