// Did a change make tokenpaint slower in the browser? The bench page's
// tokenpaint chat (apps/bench, `impl=tokenpaint`), served from two or more
// builds, e.g. a commit before the change and one after, streamed rep by rep
// in alternating order (ABAB at 1×, then 4× CPU), each run in a fresh browser
// context. Prints each build's medians and the spread of its runs, with the
// machine's load average per run: one run per side cannot tell a regression
// from noise on a shared machine, interleaved reps can.
//
//   # each build: a worktree of its commit, installed and serving its bench page
//   git worktree add /tmp/before <commit> && (cd /tmp/before && pnpm install --offline \
//     && pnpm --dir apps/bench run build && pnpm --dir apps/bench run preview --port 4181 --strictPort)
//   TOKENPAINT_CHROMIUM=/usr/bin/chromium node --conditions=@tokenpaint/source e2e/perf/compare-builds.ts \
//     before=http://127.0.0.1:4181 after=http://127.0.0.1:4182 [reps]
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { SCRIPTS, tokenize } from '@tokenpaint/mock-llm';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { median, type RunMetrics, runMetrics } from './bench-metrics.ts';
import { streamOnce } from './bench-page.ts';

const builds = process.argv
  .slice(2)
  .filter((arg) => arg.includes('='))
  .map((arg) => {
    const at = arg.indexOf('=');
    return { name: arg.slice(0, at), base: arg.slice(at + 1) };
  });
const REPS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 6);
const QUERY = { prior: 1000, script: 'long', tps: 1000 } as const;
const CPUS = [1, 4];

if (builds.length < 2) throw new Error('usage: compare-builds.ts name=url name=url [reps]');

interface Sample {
  build: string;
  cpu: number;
  metrics: RunMetrics;
  scriptPer1k: number;
  load: number;
}

const FIGURES: ReadonlyArray<readonly [string, (sample: Sample) => number, number]> = [
  ['commits/frame', (s) => s.metrics.commitsPerFrame, 2],
  ['read→paint ms', (s) => s.metrics.readToPaintMs, 1],
  ['fps', (s) => s.metrics.fps, 1],
  ['p95 frame ms', (s) => s.metrics.p95FrameMs, 1],
  ['max frame ms', (s) => s.metrics.maxFrameMs, 1],
  ['script ms/1k tok', (s) => s.scriptPer1k, 1],
];

const tokens = tokenize(SCRIPTS.long.text).length;
const browser = await chromium.launch(chromiumLaunchOptions);
const samples: Sample[] = [];
for (const cpu of CPUS) {
  for (let rep = 0; rep < REPS; rep++) {
    // Alternate which build goes first, so drift on the machine falls on every side.
    const order = rep % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const context = await browser.newContext({ baseURL: build.base });
      const page = await context.newPage();
      try {
        const { raw, scriptMs } = await streamOnce(page, 'tokenpaint', cpu, QUERY);
        if (raw.finalText !== SCRIPTS.long.text)
          throw new Error(`${build.name}: the answer's text differs from the script`);
        const sample = {
          build: build.name,
          cpu,
          metrics: runMetrics(raw),
          scriptPer1k: (scriptMs * 1000) / tokens,
          load: loadavg()[0] ?? 0,
        };
        samples.push(sample);
        console.log(
          `${cpu}× rep ${rep + 1} ${build.name.padEnd(10)} ${FIGURES.map(([title, value, digits]) => `${title} ${value(sample).toFixed(digits)}`).join(' · ')} · load ${sample.load.toFixed(2)}`,
        );
      } finally {
        await context.close();
      }
    }
  }
}
await browser.close();

console.log(
  `\nbench page, impl=tokenpaint, ${QUERY.prior} prior messages, ${QUERY.tps} tok/s, ${REPS} interleaved reps per build, ${new Date().toISOString()}`,
);
console.log('median [min–max] per build');
for (const cpu of CPUS) {
  for (const build of builds) {
    const runs = samples.filter((s) => s.build === build.name && s.cpu === cpu);
    const cells = FIGURES.map(([title, value, digits]) => {
      const values = runs.map(value).sort((a, b) => a - b);
      return `${title} ${median(values).toFixed(digits)} [${(values[0] ?? Number.NaN).toFixed(digits)}–${(values.at(-1) ?? Number.NaN).toFixed(digits)}]`;
    });
    console.log(`  ${cpu}× ${build.name.padEnd(10)} ${cells.join(' · ')}`);
  }
}
