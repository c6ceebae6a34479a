/**
 * The performance suite: token rates × prior messages × CPU, every
 * implementation on equal terms (the same memoized prior rows, the same
 * `<Transcript>` list on every side: `SUITE_LIST`, default `virtual`, since
 * 10,000 mounted Markdown rows would measure the list), interleaved rep by rep
 * in a rotating order, a fresh browser context per run. Each answer lasts about
 * `SUITE_SECONDS` (the mock cuts the long script to rate × seconds tokens), and a
 * script types into a textarea beside the chat while it streams.
 *
 * Per run: first-token paint lag, fps, longest frame, long animation frames,
 * script ms per 1,000 tokens, commits per frame, heap after the answer, INP
 * and its main-thread share (input delay + handlers; see `typing.ts`).
 * Writes results/suite-<time>.json (every run's figures and raw samples) and
 * results/suite-latest.md (the table, medians per cell, ratios to tokenpaint).
 * Only sanity is asserted: each run ends with exactly the text the mock sent.
 *
 *   TOKENPAINT_CHROMIUM=/usr/bin/chromium pnpm --dir e2e run bench:suite
 *
 * Knobs (comma lists): SUITE_RATES=50,300,1000,5000 SUITE_PRIOR=0,1000,10000
 * SUITE_CPUS=1,4 SUITE_IMPLS=tokenpaint,ai-sdk,naive SUITE_RUNS=2 SUITE_SECONDS=4.
 */
import { execSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { expect, test } from '@playwright/test';
import { limitTokens, SCRIPTS, tokenize } from '@tokenpaint/mock-llm';
import type {} from './bench-globals.ts';
import { IncompleteRunError, type RunMetrics, runMetrics } from './bench-metrics.ts';
import { scriptMsPer1kTokens, streamOnce } from './bench-page.ts';
import { rotated } from './interleave.ts';
import { formatSuiteTable, type SuiteCell, type SuiteRun } from './suite-table.ts';
import { readInp, typeWhileStreaming } from './typing.ts';

const list = (name: string, fallback: string): string[] => (process.env[name] ?? fallback).split(',');
const numbers = (name: string, fallback: string): number[] => list(name, fallback).map(Number);

const RATES = numbers('SUITE_RATES', '50,300,1000,5000');
const PRIORS = numbers('SUITE_PRIOR', '0,1000,10000');
const CPUS = numbers('SUITE_CPUS', '1,4');
const IMPLS = list('SUITE_IMPLS', 'tokenpaint,ai-sdk,naive');
const RUNS = Number(process.env.SUITE_RUNS ?? 2);
const SECONDS = Number(process.env.SUITE_SECONDS ?? 4);
const LIST = process.env.SUITE_LIST ?? 'virtual';
const SCRIPT = 'long';
const SCRIPT_TOKENS = tokenize(SCRIPTS[SCRIPT].text).length;
const RESULTS = new URL('./results/', import.meta.url);

const CELLS: readonly SuiteCell[] = CPUS.flatMap((cpu) =>
  PRIORS.flatMap((prior) => RATES.map((tps) => ({ tps, prior, cpu }))),
);

/** Tokens for an answer of about SECONDS at `tps` (at least 40, at most the whole script). */
const tokensFor = (tps: number): number => Math.min(SCRIPT_TOKENS, Math.max(40, Math.round(tps * SECONDS)));

test.describe.configure({ mode: 'serial' });

const runs: (SuiteRun & { load: number; raw: unknown })[] = [];
/** Runs whose samples lacked a moment every figure needs (see `IncompleteRunError`). */
const incomplete: string[] = [];

for (const cell of CELLS) {
  const tokens = tokensFor(cell.tps);
  test(`${cell.tps} tok/s, ${cell.prior} prior, ${cell.cpu}× CPU (${tokens} tokens)`, async ({ browser }) => {
    const expected = limitTokens(SCRIPTS[SCRIPT], tokens).text;
    const streamedTokens = tokenize(expected).length;
    const query = { prior: cell.prior, script: SCRIPT, tps: cell.tps, tokens, list: LIST };
    for (let rep = 1; rep <= RUNS; rep++) {
      for (const impl of rotated(IMPLS, rep)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
          let typed = '';
          const { raw, scriptMs, heapMb } = await streamOnce(page, impl, cell.cpu, query, {
            heap: true,
            during: async (p) => {
              typed = await typeWhileStreaming(p);
            },
          });
          expect(raw.finalText, `${impl} rep ${rep}: the answer is the text the mock sent`).toBe(expected);
          expect(await page.locator('[data-bench-input]').inputValue(), 'every keystroke arrived').toBe(
            typed,
          );
          const { inp, mainThread } = await readInp(page);
          let metrics: RunMetrics;
          try {
            metrics = runMetrics(raw);
          } catch (error) {
            // A page too slow to paint before its answer ended (the AI SDK at 5,000 tok/s, 10,000
            // prior, 4x): its figures are missing from the table (a dash, or fewer runs), not invented.
            if (!(error instanceof IncompleteRunError)) throw error;
            incomplete.push(
              `${cell.tps} tok/s ${cell.prior} prior ${cell.cpu}x ${impl} rep ${rep}: ${error.message}`,
            );
            console.log(`incomplete: ${incomplete.at(-1)}`);
            continue;
          }
          const figures = {
            firstPaintMs: metrics.readToPaintMs,
            fps: metrics.fps,
            longestFrameMs: metrics.maxFrameMs,
            longFrameMs: metrics.longFrameMs,
            scriptMsPer1k: scriptMsPer1kTokens(scriptMs, streamedTokens),
            commitsPerFrame: metrics.commitsPerFrame,
            heapMb,
            inpMs: inp,
            inputMainMs: mainThread,
          };
          const load = loadavg()[0] ?? 0;
          runs.push({ cell, impl, rep, figures, load, raw });
          console.log(
            `${cell.tps} tok/s ${cell.prior} prior ${cell.cpu}× ${impl} rep ${rep}: ` +
              `paint ${figures.firstPaintMs.toFixed(1)} ms, ${figures.fps.toFixed(1)} fps, ` +
              `script ${figures.scriptMsPer1k.toFixed(0)} ms/1k, ${figures.commitsPerFrame.toFixed(2)} commits/frame, ` +
              `INP ${inp.toFixed(0)} ms (delay+handlers ${mainThread.toFixed(1)}), heap ${heapMb.toFixed(1)} MB, load ${load.toFixed(2)}`,
          );
        } finally {
          await context.close();
        }
      }
    }
  });
}

test.afterAll(async ({ browser }) => {
  if (runs.length === 0) return;
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const loads = runs.map((r) => r.load);
  const setup = {
    date: new Date().toISOString(),
    commit,
    browser: `Chromium ${browser.version()}`,
    list: LIST,
    script: SCRIPT,
    seconds: SECONDS,
    runsPerCell: RUNS,
    load: [Math.min(...loads), Math.max(...loads)],
    incomplete,
  };
  const table = formatSuiteTable(runs, CELLS, IMPLS);
  const heading =
    `Performance suite, ${setup.date.slice(0, 10)}, commit ${commit}, ${setup.browser} headless, ` +
    `list ${LIST} on every side, answers of about ${SECONDS} s (script "${SCRIPT}" cut to rate × ${SECONDS} tokens), ` +
    `medians of ${RUNS} interleaved runs, load ${setup.load[0]?.toFixed(2)}–${setup.load[1]?.toFixed(2)}. ` +
    'In parentheses: the ratio to tokenpaint in the same cell (> 1× = tokenpaint better).' +
    (incomplete.length > 0 ? ` Left out, incomplete: ${incomplete.join('; ')}.` : '');
  console.log(`\n${heading}\n\n${table}\n`);
  await mkdir(RESULTS, { recursive: true });
  const stamp = setup.date.replaceAll(':', '-');
  await writeFile(new URL(`suite-${stamp}.json`, RESULTS), JSON.stringify({ setup, runs }, null, 1));
  await writeFile(new URL('suite-latest.md', RESULTS), `${heading}\n\n${table}\n`);
  console.log(`Figures and raw samples: ${new URL(`suite-${stamp}.json`, RESULTS).pathname}`);
});
