import { expect, type Page, test } from '@playwright/test';
import { type AnswerEvent, validateBeacon } from '@tokenpaint/core';
import { MOCK_PROTOCOLS, SCRIPTS } from '@tokenpaint/mock-llm';
import { installFrameProbe, readFrames, readLayoutShift } from '../support/frame-probe.ts';
import { shownMarkdown, visibleMarkdown } from '../support/markdown-text.ts';

const message = (page: Page) => page.locator('[data-tp-part="message"]');
const answerText = (page: Page) => page.locator('[data-tp-part="text"]');

for (const protocol of MOCK_PROTOCOLS) {
  test(`streams the whole answer over ${protocol}`, async ({ page }) => {
    await page.goto(`/?protocol=${protocol}&preset=fast&script=text&tps=400`);
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    expect(await shownMarkdown(answerText(page))).toBe(visibleMarkdown(SCRIPTS.text.text));
  });
}

test('takes a screenshot mid-stream and when done', async ({ page }, testInfo) => {
  await page.goto('/?protocol=openai-chat&preset=typical&script=markdown&tps=30');
  await expect(message(page)).toHaveAttribute('data-tp-status', 'streaming', { timeout: 10_000 });
  await expect.poll(async () => ((await answerText(page).textContent()) ?? '').length).toBeGreaterThan(80);
  const midStream = await page.screenshot({
    fullPage: true,
    path: testInfo.outputPath('demo-mid-stream.png'),
  });
  await testInfo.attach('demo mid-stream', { body: midStream, contentType: 'image/png' });
  await expect(page.locator('[data-tp-part="caret"]')).toBeVisible();

  await page.goto('/?protocol=openai-chat&preset=fast&script=markdown&tps=400');
  await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
  const done = await page.screenshot({ fullPage: true, path: testInfo.outputPath('demo-done.png') });
  await testInfo.attach('demo done', { body: done, contentType: 'image/png' });
  await expect(page.locator('[data-tp-part="caret"]')).toHaveCount(0);
});

test('paints the first token in the frame after it arrives', async ({ page }) => {
  await installFrameProbe(page);
  await page.goto('/?protocol=openai-chat&preset=typical&script=text&ttft=400&pacing=0');
  await expect(message(page)).toHaveAttribute('data-tp-status', /streaming|done/, { timeout: 10_000 });
  // The HUD carries the run's first-token time (its figures update every 250 ms).
  const hud = page.locator('[data-tp-part="hud"]');
  await expect(hud).toHaveAttribute('data-tp-first-token-at', /\d/);
  const firstToken = Number(await hud.getAttribute('data-tp-first-token-at'));
  expect(firstToken).toBeGreaterThan(0);
  // Let a few more frames pass so the frames around the arrival are all sampled.
  await page.waitForTimeout(100);
  const frames = await readFrames(page);
  const nextFrame = frames.findIndex((frame) => frame.time >= firstToken);
  const firstPainted = frames.findIndex((frame) => frame.textLength > 0);
  expect(nextFrame).toBeGreaterThan(0);
  const lateness = firstPainted - nextFrame;
  test.info().annotations.push({
    type: 'first-token-paint',
    description: `first token arrived at ${firstToken.toFixed(1)} ms, painted in frame starting ${frames[firstPainted]?.time.toFixed(1)} ms (${lateness} frame(s) after the next frame)`,
  });
  expect(lateness).toBeLessThanOrEqual(0);
});

test('replaces the skeleton without layout shift', async ({ page }) => {
  await installFrameProbe(page);
  await page.goto('/?protocol=anthropic&preset=typical&script=text&ttft=500&tps=200');
  await expect(page.locator('[data-tp-part="skeleton"]')).toBeVisible();
  await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
  await expect(page.locator('[data-tp-part="skeleton"]')).toHaveCount(0);
  expect(await readLayoutShift(page)).toBeLessThan(0.01);
});

test('Stop keeps the text; Retry streams a new answer', async ({ page }) => {
  await page.goto('/?protocol=openai-chat&preset=typical&script=long&tps=40&ttft=100');
  await expect.poll(async () => ((await answerText(page).textContent()) ?? '').length).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(message(page)).toHaveAttribute('data-tp-status', 'aborted');
  const kept = (await answerText(page).textContent()) ?? '';
  expect(kept.length).toBeGreaterThan(40);
  await page.waitForTimeout(300);
  expect((await answerText(page).textContent()) ?? '').toBe(kept);

  const retry = page.getByRole('button', { name: 'Retry' });
  await retry.focus();
  await page.keyboard.press('Enter');
  await expect(message(page)).toHaveAttribute('data-tp-status', /connecting|waiting|streaming/);
  await expect(message(page)).toHaveAttribute('data-tp-status', 'streaming', { timeout: 10_000 });
});

test('a dropped connection ends in an error that keeps the received text', async ({ page }) => {
  await page.goto('/?protocol=openai-chat&preset=drop&script=text&dropAt=30');
  await expect(message(page)).toHaveAttribute('data-tp-status', 'error', { timeout: 20_000 });
  const kept = await shownMarkdown(answerText(page));
  expect(kept.length).toBeGreaterThan(20);
  expect(visibleMarkdown(SCRIPTS.text.text).startsWith(kept)).toBe(true);
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('reports the answer when the page is hidden: a schema-valid beacon with the tags and figures', async ({
  page,
}) => {
  const bodies: string[] = [];
  // The test endpoint: the beacon is captured here, not stored, so other tests' beacons cannot mix in.
  await page.route('**/collector/v1/beacon', async (route) => {
    bodies.push(route.request().postData() ?? '');
    await route.fulfill({ status: 202, contentType: 'application/json', body: '{}' });
  });
  await page.goto('/?protocol=anthropic&preset=fast&script=text&tps=200');
  await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
  // Let the reporter receive the answer (after its paint is timed), then hide the page.
  await page.waitForTimeout(300);
  expect(bodies).toHaveLength(0); // batched, not sent per answer
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => bodies.length).toBe(1);
  const result = validateBeacon(JSON.parse(bodies[0] ?? ''));
  expect(result.ok && result.rejected).toEqual([]);
  const events = result.ok ? result.batch.events : [];
  const event = events.find((candidate): candidate is AnswerEvent => candidate.type === 'answer');
  // The page's web vitals ride in the same session's batches (LCP and FCP by now).
  expect(events.filter((candidate) => candidate.type === 'vital').map((vital) => vital.name)).toContain(
    'FCP',
  );
  expect(event).toMatchObject({
    type: 'answer',
    outcome: 'done',
    // Chromium has Element Timing: the browser's own record of the text's presentation.
    paint_method: 'element-timing',
    tags: { feature: 'demo', protocol: 'anthropic', device_type: 'desktop' },
  });
  expect(event?.metrics.ttfp_ms).toBeGreaterThanOrEqual(event?.metrics.ttft_ms ?? Number.POSITIVE_INFINITY);
  // Resource Timing's request phase (same origin: no DNS or connect on a reused connection), then the run's own.
  expect(event?.stages?.map((stage) => stage.name)).toEqual(['request', 'ttfb', 'first-token', 'paint']);
});

test.describe('before the first token', () => {
  const prompt = (page: Page) => page.getByRole('textbox', { name: 'Prompt' });

  test('typing warms the connection once: a HEAD to the warm-up route, no body, never the model', async ({
    page,
  }) => {
    await page.goto('/?protocol=openai-chat&preset=instant&script=text&handshake=200');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    const sent: Array<{ path: string; method: string; body: string | null }> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/mock/'))
        sent.push({ path: url.pathname, method: request.method(), body: request.postData() });
    });
    await prompt(page).focus();
    await prompt(page).pressSequentially(' and more', { delay: 15 });
    await expect.poll(() => sent.length).toBe(1);
    await page.waitForTimeout(300); // more keystrokes, more time: still one
    expect(sent).toEqual([{ path: '/mock/warm', method: 'HEAD', body: null }]);
  });

  test("the question and the answer's skeleton are in the frame after the submit, before the response", async ({
    page,
  }) => {
    // serverTiming holds the response headers back 800 ms: fetch cannot have resolved in that frame.
    await page.goto('/?protocol=openai-chat&preset=instant&script=text&serverTiming=800');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    await prompt(page).fill('A question asked just now');
    const inNextFrame = page.evaluate(
      () =>
        new Promise<{ question: string; skeleton: boolean; status: string | null; afterMs: number }>(
          (resolve) => {
            // Capture phase: registered before React handles the key, so this frame callback
            // runs in the frame after the submit, with whatever the submit committed.
            document.addEventListener(
              'keydown',
              (event) => {
                requestAnimationFrame((frameStart) =>
                  resolve({
                    question: document.querySelector('.demo-question')?.textContent ?? '',
                    skeleton: document.querySelector('[data-tp-part="skeleton"]') !== null,
                    status:
                      document.querySelector('[data-tp-part="message"]')?.getAttribute('data-tp-status') ??
                      null,
                    afterMs: frameStart - event.timeStamp,
                  }),
                );
              },
              { capture: true, once: true },
            );
          },
        ),
    );
    await prompt(page).press('Enter');
    const frame = await inNextFrame;
    expect(frame).toMatchObject({
      question: 'A question asked just now',
      skeleton: true,
      status: 'connecting',
    });
    expect(frame.afterMs).toBeLessThan(50);
  });

  test('Enter sends, Shift+Enter adds a line; the box clears and keeps the focus', async ({ page }) => {
    await page.goto('/?protocol=openai-chat&preset=instant&script=text');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    await prompt(page).fill('line one');
    await prompt(page).press('Shift+Enter');
    await prompt(page).pressSequentially('line two');
    await expect(prompt(page)).toHaveValue('line one\nline two');
    await prompt(page).press('Enter');
    await expect(page.locator('.demo-question')).toHaveText(/^line one\s+line two$/);
    await expect(prompt(page)).toHaveValue('');
    await expect(prompt(page)).toBeFocused();
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
  });
});
