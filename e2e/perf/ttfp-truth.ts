// Is the TTFT-to-first-paint tokenpaint reports true? For 30 answers from the
// demo (several rates, presets and protocols), compares the ttfp_ms in each
// answer's beacon with an independent reading of the same answer from a
// Chromium performance trace: the compositor frame that first presented the
// text (the first main-thread Commit after the text entered the DOM, its
// activation, the next DrawFrame, that frame's presentation).
//
//   npm run demo                                   # in another terminal
//   TOKENPAINT_CHROMIUM=/usr/bin/chromium node --conditions=@tokenpaint/source e2e/perf/ttfp-truth.ts [http://127.0.0.1:5173]
import { chromium } from '@playwright/test';
import { MOCK_PROTOCOLS } from '@tokenpaint/mock-llm';
import { chromiumLaunchOptions } from '../support/chromium.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
}

const BASE = process.argv[2] ?? 'http://127.0.0.1:5173';
const PRESETS = ['fast', 'typical', 'bursty'] as const;
const RATES = [40, 200, 1000];
const ANSWERS = 30;
const FRAME_MS = 1000 / 60;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing'];

/** Trace time (µs) of the presentation of the first frame holding DOM state from `markTs` on. */
function presentedAfter(events: TraceEvent[], markTs: number): number | undefined {
  const after = events.filter((e) => e.ts >= markTs).sort((a, b) => a.ts - b.ts);
  const commit = after.find((e) => e.name === 'Commit');
  if (commit === undefined) return undefined;
  const activated = after.find((e) => e.name === 'EndCommitToActivation' && e.ph === 'e' && e.ts > commit.ts);
  if (activated === undefined) return undefined;
  const draw = after.find((e) => e.name === 'DrawFrame' && e.ts > activated.ts);
  if (draw === undefined) return undefined;
  return after.find(
    (e) => e.name === 'SwapEndToPresentationCompositorFrame' && e.ph === 'e' && e.ts > draw.ts,
  )?.ts;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return `p50 ${at(0.5).toFixed(1)} · p95 ${at(0.95).toFixed(1)} · max ${at(1).toFixed(1)} ms`;
}

const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The test's own mark of the moment the answer's text entered the DOM.
await page.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-tp-part="text"]') === null) return;
    performance.mark('tp-truth-text-in-dom');
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
});
const bodies: string[] = [];
await page.route('**/collector/v1/beacon', async (route) => {
  bodies.push(route.request().postData() ?? '');
  await route.fulfill({ status: 202, contentType: 'application/json', body: '{}' });
});

const rows: Array<{ answer: string; method: string; reported: number; trace: number }> = [];
for (let i = 0; i < ANSWERS; i++) {
  const preset = PRESETS[i % PRESETS.length] ?? 'fast';
  const tps = RATES[Math.floor(i / PRESETS.length) % RATES.length] ?? 200;
  const protocol = MOCK_PROTOCOLS[i % MOCK_PROTOCOLS.length] ?? 'openai-chat';
  const answer = `${protocol} ${preset} ${tps} tok/s`;
  bodies.length = 0;
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(`${BASE}/?protocol=${protocol}&preset=${preset}&script=text&tps=${tps}`);
  await page.locator('[data-tp-part="message"][data-tp-status="done"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(200);
  const times = await page.evaluate(() => ({
    mark: performance.getEntriesByName('tp-truth-text-in-dom')[0]?.startTime,
    request: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/mock/'))
      ?.startTime,
  }));
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
    .traceEvents;
  const hasAnswer = () => bodies.some((body) => body.includes('"type":"answer"'));
  for (let wait = 0; !hasAnswer() && wait < 40; wait++) await page.waitForTimeout(50);
  // The page's web vitals may come first, in the same batch or another: the answer is the event of type `answer`.
  const event = (
    bodies.flatMap((body) => JSON.parse(body).events) as Array<{
      type: string;
      metrics?: { ttfp_ms?: number };
      paint_method?: string;
    }>
  ).find((candidate) => candidate.type === 'answer');
  const mark = events.find((e) => e.name === 'tp-truth-text-in-dom');
  const presented = mark === undefined ? undefined : presentedAfter(events, mark.ts);
  if (event?.metrics?.ttfp_ms === undefined || presented === undefined || mark === undefined) {
    console.log(`${answer}: skipped (reported ${event?.metrics?.ttfp_ms}, trace ${presented})`);
    continue;
  }
  if (times.mark === undefined || times.request === undefined) continue;
  // Trace µs → the page's performance.now() ms, through the mark seen on both clocks.
  const trace = (presented - mark.ts) / 1000 + times.mark - times.request;
  rows.push({ answer, method: event.paint_method ?? '?', reported: event.metrics.ttfp_ms, trace });
}
await browser.close();

const differences = rows.map((row) => Math.abs(row.reported - row.trace));
const sorted = [...differences].sort((a, b) => a - b);
const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
console.log(`TTFT-to-first-paint, ${rows.length} answers, ${new Date().toISOString()}`);
for (const row of rows)
  console.log(
    `  ${row.answer.padEnd(36)} reported ${row.reported.toFixed(1).padStart(7)} (${row.method})  trace ${row.trace.toFixed(1).padStart(7)}`,
  );
console.log(`reported by tokenpaint: ${summary(rows.map((row) => row.reported))}`);
console.log(`from the trace:         ${summary(rows.map((row) => row.trace))}`);
console.log(`|difference|:           ${summary(differences)}`);
console.log(
  `${p95 <= FRAME_MS ? 'meets' : 'MISSES'} p95 |difference| ≤ one frame (${FRAME_MS.toFixed(1)} ms): ${p95.toFixed(1)} ms`,
);
