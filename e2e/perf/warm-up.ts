// What does warming the connection on intent buy? Submit → first token in the
// demo, with the composer's warm-up off and on, against the mock's simulated
// fresh-connection handshake. Reps alternate between the two arms (ABBA), each
// in a fresh browser context (its own connection pool). Before each submit the
// page sits idle past the server's keep-alive (Node: 5 s), so the page load's
// connections are closed, as for a user who opened the tab a while ago and
// comes back to type.
//
//   npm run demo                                   # in another terminal
//   TOKENPAINT_CHROMIUM=/usr/bin/chromium node --conditions=@tokenpaint/source e2e/perf/warm-up.ts [http://127.0.0.1:5173] [reps] [handshake ms]
import { loadavg } from 'node:os';
import { type Browser, chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.ts';

const BASE = process.argv[2] ?? 'http://127.0.0.1:5173';
const REPS = Number(process.argv[3] ?? 8);
const HANDSHAKE_MS = Number(process.argv[4] ?? 300);
/** Longer than Node's default keep-alive (5 s): every connection of the page load is closed by then. */
const IDLE_MS = 6_000;

type Arm = 'cold' | 'warm';

interface Sample {
  arm: Arm;
  /** The Enter key's timeStamp → the first token's arrival (the run's `firstToken`). */
  submitToFirstToken: number;
  /** The answer's request opened a connection of its own (Resource Timing: connectEnd > connectStart). */
  newConnection: boolean;
  warmUps: number;
}

async function measure(browser: Browser, arm: Arm): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Beacons answered in the browser: their connection would otherwise keep one socket open.
  await page.route('**/collector/v1/beacon', (route) => route.fulfill({ status: 202, body: '{}' }));
  let warmUps = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/mock/warm') warmUps++;
  });
  const query = `protocol=openai-chat&preset=fast&script=text&tps=400&ttft=50&handshake=${HANDSHAKE_MS}`;
  await page.goto(`${BASE}/?${query}&warm=${arm === 'warm' ? 1 : 0}`);
  await page.locator('[data-tp-part="message"][data-tp-status="done"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(IDLE_MS);
  warmUps = 0;

  const prompt = page.getByRole('textbox', { name: 'Prompt' });
  await prompt.fill('');
  await prompt.focus();
  await prompt.pressSequentially('And on a phone?', { delay: 50 });
  await page.waitForTimeout(400); // the user reads what they typed
  await page.evaluate(() => {
    document.addEventListener(
      'keydown',
      (event) => {
        (window as unknown as { submitAt: number }).submitAt = event.timeStamp;
      },
      { capture: true, once: true },
    );
  });
  const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
  await prompt.press('Enter');
  await page.locator('.demo-question', { hasText: 'And on a phone?' }).waitFor();
  await page.locator('[data-tp-part="message"][data-tp-status="done"]').waitFor({ timeout: 30_000 });
  // The HUD follows the newest answer and updates every 250 ms: wait until it shows this one's first token.
  await page.waitForFunction(() => {
    const hud = document.querySelector('[data-tp-part="hud"]');
    const submitAt = (window as unknown as { submitAt: number }).submitAt;
    return (
      Number(hud?.getAttribute('data-tp-request-start')) >= submitAt &&
      hud?.hasAttribute('data-tp-first-token-at')
    );
  });
  const result = await page.evaluate((skip) => {
    const firstToken = Number(
      document.querySelector('[data-tp-part="hud"]')?.getAttribute('data-tp-first-token-at'),
    );
    const answer = performance
      .getEntriesByType('resource')
      .slice(skip)
      .find((entry) => entry.name.includes('/mock/v1/')) as PerformanceResourceTiming | undefined;
    return {
      submitToFirstToken: firstToken - (window as unknown as { submitAt: number }).submitAt,
      newConnection: answer === undefined ? false : answer.connectEnd > answer.connectStart,
    };
  }, before);
  await context.close();
  return { arm, ...result, warmUps };
}

function stats(values: number[]): { p50: number; p90: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), min: at(0), max: at(1) };
}

const browser = await chromium.launch(chromiumLaunchOptions);
const samples: Sample[] = [];
const loads: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  const order: Arm[] = rep % 2 === 0 ? ['cold', 'warm'] : ['warm', 'cold'];
  for (const arm of order) {
    loads.push(loadavg()[0] ?? Number.NaN);
    const sample = await measure(browser, arm);
    samples.push(sample);
    console.log(
      `  rep ${rep + 1} ${arm}: submit → first token ${sample.submitToFirstToken.toFixed(1)} ms` +
        ` (new connection: ${sample.newConnection ? 'yes' : 'no'}, warm-ups: ${sample.warmUps})`,
    );
  }
}
await browser.close();

const arm = (name: Arm) => samples.filter((sample) => sample.arm === name);
const cold = stats(arm('cold').map((sample) => sample.submitToFirstToken));
const warm = stats(arm('warm').map((sample) => sample.submitToFirstToken));
const fmt = (s: ReturnType<typeof stats>) =>
  `p50 ${s.p50.toFixed(1)} · p90 ${s.p90.toFixed(1)} · min ${s.min.toFixed(1)} · max ${s.max.toFixed(1)} ms`;
console.log(
  `\nSubmit → first token, handshake ${HANDSHAKE_MS} ms, ${REPS} reps per arm, ${new Date().toISOString()}, load avg ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`,
);
console.log(
  `  no warm-up:   ${fmt(cold)}  (new connection in ${arm('cold').filter((s) => s.newConnection).length}/${REPS})`,
);
console.log(
  `  warm on type: ${fmt(warm)}  (new connection in ${arm('warm').filter((s) => s.newConnection).length}/${REPS})`,
);
console.log(
  `  p50 saved: ${(cold.p50 - warm.p50).toFixed(1)} ms (warm/cold ${(warm.p50 / cold.p50).toFixed(2)}×)`,
);
