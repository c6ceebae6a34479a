import { expect, test } from '@playwright/test';
import { type CollectorServer, listen } from '@tokenpaint/collector';
import type { AnswerEvent } from '@tokenpaint/core';

// The collector runs in the test process, on its own port; the page is its dashboard.
let server: CollectorServer;
const MODELS = ['gpt-4.1', 'claude-sonnet', 'llama-70b'];
const STAGES = ['dns', 'connect', 'ttfb', 'server:retrieval', 'first-token', 'paint'];
// A tag value any page could send: it must show as text, never run.
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function answers(count: number): AnswerEvent[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const model = MODELS[i % MODELS.length] ?? 'gpt-4.1';
    const ttft = 200 + ((i * 37) % 900) + 300 * MODELS.indexOf(model);
    return {
      type: 'answer',
      request_id: `dash-${i}`,
      at: now - ((i * 271_000) % (20 * 3_600_000)),
      outcome: 'done',
      tags: { model, device_type: i % 4 === 0 ? 'mobile' : 'desktop', feature: i === 0 ? HOSTILE : 'chat' },
      metrics: { ttft_ms: ttft, ttfp_ms: ttft + 8 + (i % 20), tpot_ms: 10 + (i % 30) },
      paint_method: 'element-timing',
      stages: STAGES.map((name, s) => ({
        name,
        source: name.startsWith('server:') ? 'server-timing' : 'client',
        dur_ms: 5 + s * 40 + (i % 50),
      })),
      ...(ttft > 1_000 && { breaches: [{ budget: 'ttft_ms', value_ms: ttft, budget_ms: 1_000 }] }),
    };
  });
}

test.beforeAll(async () => {
  server = await listen({ db: ':memory:', rateLimit: false });
  const events = answers(240);
  for (let i = 0; i < events.length; i += 20) {
    const response = await fetch(`${server.url}/v1/beacon`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({
        v: 1,
        session_id: 'dash',
        sent_at: Date.now(),
        events: events.slice(i, i + 20),
      }),
    });
    expect(response.status).toBe(202);
  }
});

test.afterAll(async () => {
  await server.close();
});

test('the dashboard draws percentiles, the distribution, the waterfall and breaches', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // CSP violations and failed loads are console errors.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/?metric=ttfp_ms&range=24h`);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');

  const summary = page.locator('[data-panel="summary"] tbody tr');
  await expect(summary).toHaveCount(1);
  await expect(summary.locator('td').first()).toHaveText('240');
  await expect(page.locator('[data-panel="series"] canvas')).toHaveCount(1);
  await expect(page.locator('[data-panel="histogram"] canvas')).toHaveCount(1);
  await expect(page.locator('[data-panel="stages"] li')).toHaveCount(STAGES.length);
  // In the order stages happen, server stages after the browser's.
  await expect(page.locator('[data-panel="stages"] .name')).toHaveText([
    'dns',
    'connect',
    'ttfb',
    'first-token',
    'paint',
    'server:retrieval',
  ]);
  await expect(page.locator('[data-panel="breaches"] tbody th')).toHaveText(['ttft_ms']);

  const shot = await page.screenshot({
    fullPage: true,
    path: testInfo.outputPath('collector-dashboard.png'),
  });
  await testInfo.attach('collector dashboard', { body: shot, contentType: 'image/png' });

  // Grouping and filtering come from the catalog and land in the address bar.
  await page.locator('select[name="group_by"]').selectOption('model');
  await expect(summary).toHaveCount(MODELS.length);
  await expect(page).toHaveURL(/group_by=model/);
  await page.locator('select[name="where_key"]').selectOption('device_type');
  await page.locator('select[name="where_value"]').selectOption('mobile');
  await page.locator('#add-filter').click();
  await expect(page).toHaveURL(/where=device_type%3Amobile/);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const mobile = await summary.locator('td:first-of-type').allTextContents();
  expect(mobile.reduce((n, text) => n + Number(text), 0)).toBe(60);

  // A hostile tag value is listed as text and never runs.
  await page.locator('select[name="where_key"]').selectOption('feature');
  await expect(page.locator('select[name="where_value"] option', { hasText: HOSTILE })).toHaveCount(1);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});
