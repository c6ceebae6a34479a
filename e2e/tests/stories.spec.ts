/**
 * The Storybook stories as fixtures (the Radix way): each test opens one story in
 * the built Storybook's iframe and asserts the state the story exists to show.
 * The stories stream from the in-browser mock, so no server beyond the static
 * Storybook is involved. Needs `stories/storybook-static` served on STORYBOOK.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { MOCK_PROTOCOLS, SCRIPTS, XSS_VECTORS } from '@tokenpaint/mock-llm';
import { shownMarkdown, visibleMarkdown } from '../support/markdown-text.ts';
import { STORYBOOK_PORT } from '../support/ports.ts';

/** Where the built Storybook is served (see the Storybook `webServer` entry of the config). */
const STORYBOOK = process.env.TOKENPAINT_STORYBOOK_URL ?? `http://127.0.0.1:${STORYBOOK_PORT}`;

/** Opens a story alone in the preview iframe. */
async function openStory(page: Page, id: string): Promise<void> {
  await page.goto(`${STORYBOOK}/iframe.html?id=${id}&viewMode=story`);
}

const messages = (page: Page): Locator => page.locator('#storybook-root [data-tp-part="message"]');
const message = (page: Page): Locator => messages(page).first();
const part = (scope: Locator, name: string): Locator => scope.locator(`[data-tp-part="${name}"]`);

/** Whitespace-insensitive comparison: blocks are split into spans, not compared by layout. */
const squash = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Length of the message's answer text right now. */
async function textLength(scope: Locator): Promise<number> {
  return (
    (await part(scope, 'text')
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => '')) ?? ''
  ).length;
}

test.describe('StreamingMessage states', () => {
  test('connecting: skeleton and Stop while no headers came back', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--connecting');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'connecting');
    await expect(part(message(page), 'skeleton')).toBeVisible();
    await expect(part(message(page), 'skeleton-line')).toHaveCount(3);
    await expect(part(message(page), 'status-label')).toHaveText('Connecting…');
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  });

  test('skeleton shapes: paragraph, code and tool placeholders hold in waiting', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--skeleton-shapes');
    await expect(messages(page)).toHaveCount(3);
    for (const [index, shape, lines] of [
      [0, 'paragraph', 3],
      [1, 'code', 6],
      [2, 'tool', 4],
    ] as const) {
      const scope = messages(page).nth(index);
      await expect(scope).toHaveAttribute('data-tp-status', 'waiting');
      await expect(part(scope, 'skeleton')).toHaveAttribute('data-tp-shape', shape);
      await expect(part(scope, 'skeleton-line')).toHaveCount(lines);
    }
  });

  test('waiting: connected, no token, the skeleton stays', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--waiting');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'waiting');
    await expect(part(message(page), 'status-label')).toHaveText('Thinking…');
    await page.waitForTimeout(1_500);
    await expect(message(page)).toHaveAttribute('data-tp-status', 'waiting');
    await expect(part(message(page), 'skeleton')).toBeVisible();
    await expect(part(message(page), 'text')).toHaveCount(0);
  });

  test('streaming: text grows behind a caret', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--streaming');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'streaming', { timeout: 10_000 });
    await expect(part(message(page), 'skeleton')).toHaveCount(0);
    await expect(part(message(page), 'caret')).toBeVisible();
    const before = await textLength(message(page));
    await expect.poll(() => textLength(message(page))).toBeGreaterThan(before + 20);
  });

  test('pacing: the paced pane reveals in many small steps, the unpaced one in bursts', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--pacing-comparison');
    const unpaced = page.locator('[data-story-pane="unpaced"] [data-tp-part="message"]');
    const paced = page.locator('[data-story-pane="paced"] [data-tp-part="message"]');
    await expect(unpaced).toHaveAttribute('data-tp-status', 'streaming', { timeout: 10_000 });
    await expect(paced).toHaveAttribute('data-tp-status', 'streaming');
    // Distinct text lengths seen at each animation frame over two seconds: bursts of
    // 12 tokens five times a second give ~10 values unpaced; pacing shows a few
    // characters per frame, so it shows many more intermediate lengths.
    const steps = await page.evaluate(async (durationMs) => {
      const text = (pane: string) =>
        document.querySelector(`[data-story-pane="${pane}"] [data-tp-part="text"]`);
      const unpacedText = text('unpaced');
      const pacedText = text('paced');
      const unpacedLengths = new Set<number>();
      const pacedLengths = new Set<number>();
      const end = performance.now() + durationMs;
      while (performance.now() < end) {
        await new Promise(requestAnimationFrame);
        unpacedLengths.add(unpacedText?.textContent?.length ?? 0);
        pacedLengths.add(pacedText?.textContent?.length ?? 0);
      }
      return { unpaced: unpacedLengths.size, paced: pacedLengths.size };
    }, 2_000);
    const { unpaced: unpacedSteps, paced: pacedSteps } = steps;
    expect(unpacedSteps).toBeGreaterThan(3);
    expect(pacedSteps).toBeGreaterThan(unpacedSteps * 2);
  });

  test('stalled: text so far stays and the status says stalled', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--stalled');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'stalled', { timeout: 10_000 });
    await expect(part(message(page), 'status-label')).toHaveText('Connection stalled, waiting…');
    expect(await textLength(message(page))).toBeGreaterThan(50);
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  });

  test('retrying: a countdown to the next attempt after HTTP 429', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--retrying');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'retrying');
    await expect(part(message(page), 'status-label')).toHaveText('Retrying (attempt 1)…');
    await expect(part(message(page), 'countdown')).toHaveText(/^in (2\d|30)s$/);
    await expect(part(message(page), 'skeleton')).toBeVisible();
  });

  test('error: the message and a Retry button', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--error-state');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'error');
    await expect(part(message(page), 'status-label')).toContainText('HTTP 500');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(part(message(page), 'skeleton')).toHaveCount(0);
  });

  test('dropped mid-answer: an error, with the text received kept', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--dropped-mid-answer');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'error', { timeout: 10_000 });
    const shown = await shownMarkdown(part(message(page), 'text'));
    expect(shown.length).toBeGreaterThan(20);
    expect(visibleMarkdown(SCRIPTS.text.text).startsWith(shown)).toBe(true);
  });

  test('aborted: Stop keeps the partial answer and offers Retry, which streams again', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--aborted');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'aborted', { timeout: 20_000 });
    await expect(part(message(page), 'status-label')).toHaveText('Stopped');
    expect(await textLength(message(page))).toBeGreaterThan(80);
    await expect(part(message(page), 'caret')).toHaveCount(0);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(message(page)).toHaveAttribute('data-tp-status', /connecting|waiting|streaming/);
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  });

  test('done: the whole script, no caret, no buttons', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--done');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done');
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.markdown.text));
    await expect(part(message(page), 'caret')).toHaveCount(0);
    await expect(part(message(page), 'actions')).toHaveCount(0);
  });

  test('reasoning: collapsed reasoning, then the answer', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--reasoning');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    const reasoning = part(message(page), 'reasoning');
    await expect(reasoning).not.toHaveAttribute('open');
    expect(squash(await part(reasoning, 'reasoning-text').textContent())).toBe(
      squash(SCRIPTS.reasoning.reasoning),
    );
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.reasoning.text));
  });

  test('parallel tool calls: three calls stream their arguments side by side', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--parallel-tool-calls');
    const calls = part(message(page), 'tool-call');
    await expect(calls).toHaveCount(3, { timeout: 15_000 });
    await expect(calls.nth(0)).toHaveAttribute('data-tp-tool', 'get_weather');
    await expect(calls.nth(2)).toHaveAttribute('data-tp-tool', 'search_docs');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 40_000 });
    await expect(calls.nth(0)).toHaveAttribute('data-tp-state', 'args-complete');
    await expect(part(calls.nth(0), 'tool-args')).toContainText('Paris');
    await expect(part(calls.nth(2), 'tool-args')).toContainText('developer.mozilla.org');
  });

  test('large tool arguments: 36 KB of JSON stream into a live view', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--large-tool-arguments');
    const call = part(message(page), 'tool-call');
    await expect(call).toHaveAttribute('data-tp-state', 'streaming-args', { timeout: 10_000 });
    await expect(part(call, 'caret').first()).toBeVisible();
    await expect(call).toHaveAttribute('data-tp-state', 'args-complete', { timeout: 45_000 });
    await expect(part(call, 'tool-args')).toContainText('Zürich');
    await expect(part(call, 'caret')).toHaveCount(0);
  });
});

test.describe('mock presets', () => {
  test('instant: the whole answer at once', async ({ page }) => {
    await openStory(page, 'mock-presets--instant');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done');
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.markdown.text));
  });

  test('stall: stalled, then recovers and finishes', async ({ page }) => {
    await openStory(page, 'mock-presets--stall');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'stalled', { timeout: 10_000 });
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.text.text));
  });

  test('buffered proxy: nothing, then everything', async ({ page }) => {
    await openStory(page, 'mock-presets--buffered-proxy');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'waiting');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.markdown.text));
  });

  test('drop with resumable ids: reconnects and completes the exact text', async ({ page }) => {
    await openStory(page, 'mock-presets--drop-resumed');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.text.text));
  });

  test('rate limited: retries on 429', async ({ page }) => {
    await openStory(page, 'mock-presets--rate-limited');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'retrying');
    await expect(part(message(page), 'countdown')).toHaveText(/^in [0-2]s$/);
  });

  test('malformed: a typed error, text before it kept', async ({ page }) => {
    await openStory(page, 'mock-presets--malformed');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'error', { timeout: 10_000 });
    expect(await textLength(message(page))).toBeGreaterThan(20);
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});

test.describe('protocols', () => {
  for (const protocol of MOCK_PROTOCOLS) {
    test(`${protocol}: the exact answer${protocol === 'text' ? '' : ' and reasoning'}`, async ({ page }) => {
      await openStory(page, `protocols--${protocol}`);
      await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
      await expect(message(page)).toHaveAttribute('aria-label', `Answer streamed as ${protocol}`);
      expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.reasoning.text));
      const reasoning = part(message(page), 'reasoning-text');
      if (protocol === 'text') await expect(reasoning).toHaveCount(0);
      else expect(squash(await reasoning.textContent())).toBe(squash(SCRIPTS.reasoning.reasoning));
    });
  }

  test('auto-detect picks the adapter from the response', async ({ page }) => {
    await openStory(page, 'protocols--auto-detect');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    expect(await shownMarkdown(part(message(page), 'text'))).toBe(visibleMarkdown(SCRIPTS.reasoning.text));
  });
});

test.describe('look and parts', () => {
  test('theming: --tp-* properties reach the message and its caret', async ({ page }) => {
    await openStory(page, 'theming--dusk');
    // The caret follows the streaming field (it moves between tool-call fields from
    // frame to frame), so the check retries instead of holding one element.
    await expect(part(message(page), 'caret').first()).toHaveCSS('color', 'rgb(244, 114, 182)', {
      timeout: 10_000,
    });
  });

  test('custom components: replaced skeleton, status, text and actions', async ({ page }) => {
    await openStory(page, 'streamingmessage-custom-components--skeleton');
    await expect(page.locator('.custom-dots')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop generating' })).toBeVisible();

    await openStory(page, 'streamingmessage-custom-components--markdown');
    await expect(page.getByRole('heading', { name: 'Rendering streamed Markdown' })).toBeVisible({
      timeout: 10_000,
    });
    await expect(page.locator('[data-story-part="metrics"]')).toContainText(
      /\d+ tokens · first after \d+ ms/,
    );
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 30_000 });
    await expect(page.locator('.custom-markdown pre')).toContainText('export function paint');
  });

  test('Replay restarts the story from the request', async ({ page }) => {
    await openStory(page, 'streamingmessage-states--done');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done');
    await message(page).evaluate((el) => el.setAttribute('data-test-old', ''));
    await page.getByRole('button', { name: 'Replay the story from the start' }).click();
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done');
    await expect(message(page)).not.toHaveAttribute('data-test-old');
  });
});

test.describe('useConversation', () => {
  test('two turns: the first stays done while the second streams', async ({ page }) => {
    await openStory(page, 'useconversation--multi-turn');
    const user = page.locator('[data-story-role="user"]');
    const assistant = page.locator('[data-story-role="assistant"] [data-tp-part="message"]');
    // The story's play function sends the first message.
    await expect(user).toHaveCount(1);
    await expect(assistant.first()).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });

    await page.getByRole('textbox', { name: 'Message' }).fill('And a second question?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(user).toHaveCount(2);
    await expect(user.nth(1)).toHaveText('And a second question?');
    await expect(assistant).toHaveCount(2);
    await expect(assistant.nth(1)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    await expect(assistant.first()).toHaveAttribute('data-tp-status', 'done');
    expect(await shownMarkdown(part(assistant.nth(1), 'text'))).toBe(visibleMarkdown(SCRIPTS.text.text));
  });
});

test.describe('ToolCallView', () => {
  test('streaming arguments end in a caret; complete ones do not', async ({ page }) => {
    await openStory(page, 'toolcallview--streaming-arguments');
    const call = page.locator('[data-tp-part="tool-call"]');
    await expect(call).toHaveAttribute('data-tp-state', 'streaming-args');
    await expect(call).toHaveAttribute('aria-busy', 'true');
    await expect(part(call, 'caret')).toHaveCount(1);

    await openStory(page, 'toolcallview--arguments-complete');
    await expect(part(call, 'tool-args')).toContainText('Forecast for Paris');
    await expect(part(call, 'caret')).toHaveCount(0);
  });

  test('result and validation error', async ({ page }) => {
    await openStory(page, 'toolcallview--with-result');
    await expect(page.locator('[data-tp-part="tool-result"]')).toContainText('light rain');

    await openStory(page, 'toolcallview--validation-error');
    await expect(page.getByRole('alert')).toContainText('expected at most 3 days');
  });

  test('live: a 36 KB call grows field by field', async ({ page }) => {
    await openStory(page, 'toolcallview--live');
    const call = page.locator('[data-tp-part="tool-call"]');
    await expect(call).toHaveAttribute('data-tp-tool', 'create_report', { timeout: 10_000 });
    const entries = call.locator('[data-tp-part="json-entry"]');
    const before = await entries.count();
    await expect.poll(() => entries.count()).toBeGreaterThan(before + 5);
  });
});

test.describe('tools the provider runs', () => {
  const stories = [
    [
      'toolcallview--responses-built-in-tools',
      ['Searching the web…', 'Running code…'],
      ['web_search', 'code_interpreter'],
    ],
    ['toolcallview--anthropic-server-tools', ['Searching the web…'], ['web_search', 'create_issue']],
    ['toolcallview--aisdk-provider-executed', ['Searching the web…'], ['web_search']],
  ] as const;
  for (const [id, activities, tools] of stories) {
    test(`${id.replace('toolcallview--', '')}: the status says what the provider is doing, and each call is marked`, async ({
      page,
    }) => {
      await openStory(page, id);
      for (const activity of activities)
        await expect(part(message(page), 'status-label')).toContainText(activity);
      await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 15_000 });
      const calls = page.locator('[data-tp-part="tool-call"]');
      await expect(calls).toHaveCount(tools.length);
      for (const [k, tool] of tools.entries()) {
        await expect(calls.nth(k)).toHaveAttribute('data-tp-tool', tool);
        await expect(calls.nth(k)).toHaveAttribute('data-tp-provider-executed', '');
        await expect(part(calls.nth(k), 'tool-name')).toContainText('run by the provider');
      }
      await expect(part(message(page), 'text')).toContainText('Tokyo');
    });
  }

  test('an MCP tool that failed shows its result as an error', async ({ page }) => {
    await openStory(page, 'toolcallview--anthropic-server-tools');
    const failed = page.locator('[data-tp-tool="create_issue"] [data-tp-part="tool-result"]');
    await expect(failed).toHaveAttribute('data-tp-error', '', { timeout: 15_000 });
    await expect(failed).toContainText('permission denied');
  });
});

test.describe('latency HUD', () => {
  test('shows the waterfall, TTFT and time on screen of the answer beside it, and a screenshot of it', async ({
    page,
  }, testInfo) => {
    await openStory(page, 'latency-hud--typical');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done', { timeout: 20_000 });
    const hud = page.locator('[data-tp-part="hud"]');
    await expect(hud).toHaveAttribute('data-tp-status', 'done');
    await expect(hud.locator('[data-tp-figure="ttft"]')).toHaveText(/^\d+ ms$/);
    await expect(hud.locator('[data-tp-figure="ttfp"]')).toHaveText(/^\d+ ms element-timing$/);
    await expect(hud.locator('[data-tp-stage]')).toHaveCount(3);
    const shot = await hud.screenshot({ path: testInfo.outputPath('latency-hud.png') });
    await testInfo.attach('latency HUD', { body: shot, contentType: 'image/png' });
  });

  test('names the fix when a buffering proxy held the stream', async ({ page }) => {
    await openStory(page, 'latency-hud--buffered-proxy');
    await expect(page.locator('[data-tp-part="hud-flag"]')).toContainText('X-Accel-Buffering: no', {
      timeout: 20_000,
    });
  });
});

test.describe('streaming Markdown', () => {
  /** Nothing of the model's output may run: no dialog, no element or attribute that executes. */
  async function expectInert(page: Page): Promise<void> {
    const found = await page.evaluate(() => {
      const root = document.querySelector('#storybook-root') as HTMLElement;
      const bad: string[] = [];
      for (const element of root.querySelectorAll(
        'script, iframe, object, embed, svg, math, style, img, form, base, meta, link',
      ))
        bad.push(element.tagName);
      for (const element of root.querySelectorAll('*'))
        for (const { name } of element.attributes)
          if (name.startsWith('on')) bad.push(`${element.tagName}@${name}`);
      for (const link of root.querySelectorAll('a'))
        if (!['http:', 'https:', 'mailto:'].includes(new URL(link.href).protocol)) bad.push(link.href);
      return bad;
    });
    expect(found).toEqual([]);
  }

  test('the XSS gallery renders every vector as inert text', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openStory(page, 'streamingmarkdown--xss-gallery');
    await expect(page.locator('[data-story-gallery] > li')).toHaveCount(XSS_VECTORS.length);
    await expectInert(page);
    await expect(page.locator('[data-story-gallery]')).toContainText('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
  });

  test('prompt-injected output streamed into <StreamingMessage> stays inert at every frame', async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openStory(page, 'streamingmarkdown--xss-streamed');
    await expect(message(page)).toHaveAttribute('data-tp-status', 'streaming', { timeout: 10_000 });
    while ((await message(page).getAttribute('data-tp-status')) === 'streaming') await expectInert(page);
    await expect(message(page)).toHaveAttribute('data-tp-status', 'done');
    await expectInert(page);
    expect(await shownMarkdown(part(message(page), 'text'))).toContain('Thatisall.');
    expect(dialogs).toEqual([]);
  });

  test('half-written syntax shows in its final form', async ({ page }) => {
    await openStory(page, 'streamingmarkdown--half-written');
    const shown = (label: string) => page.locator(`[data-story-case="${label}"] dd`);
    await expect(shown('bold, unclosed').locator('strong')).toHaveText('bold tex');
    await expect(shown('code span, unclosed').locator('code')).toHaveText('render(tok');
    await expect(shown('link, URL arriving')).toHaveText('See the docs');
    await expect(shown('table, header only')).toHaveText('Budgets:');
    await expect(shown('table, first row arriving').locator('td')).toHaveText(['TTFT', '30']);
    await expect(shown('code fence, open').locator('[data-tp-part="code-block"] code')).toHaveText(
      'const frame = requestAnimationFrame((',
    );
  });

  test('a long answer streams to the end with every block rendered', async ({ page }) => {
    // 64 characters a frame (about 1,000 tokens/s) keeps the test to seconds.
    await openStory(page, 'streamingmarkdown--long-answer&args=charsPerFrame:64');
    await expect(page.locator('#storybook-root h1')).toHaveText('Rendering streamed Markdown');
    await expect(page.locator('#storybook-root [data-tp-part="code-block"]')).toHaveCount(1, {
      timeout: 60_000,
    });
    await expect
      .poll(async () => shownMarkdown(page.locator('#storybook-root [data-tp-part="markdown"]')), {
        timeout: 90_000,
      })
      .toBe(visibleMarkdown(`${SCRIPTS.markdown.text}\n${SCRIPTS.long.text}`));
  });
});

test.describe('transcript', () => {
  const scroller = (page: Page) => page.locator('[data-tp-part="transcript-scroller"]');
  // Read as painted: after a frame, in the task that follows it (a read in the middle of a
  // commit would see the DOM grown and the scroll not yet moved, which no one ever sees).
  const fromEnd = (page: Page) =>
    scroller(page).evaluate(
      (element) =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve(element.scrollHeight - element.scrollTop - element.clientHeight)),
          ),
        ),
    );

  test('10,000 messages: few rows mounted, follows the streaming answer, stops when scrolled up, jumps back, restores on remount', async ({
    page,
  }) => {
    await openStory(page, 'transcript--ten-thousand-messages');
    const live = page.locator('[data-story-live] [data-tp-part="message"]');
    await expect(live).toHaveAttribute('data-tp-status', 'streaming', { timeout: 20_000 });
    // Virtualized: a screenful of rows, not 10,001.
    expect(await page.locator('[data-tp-part="transcript-row"]').count()).toBeLessThan(60);
    // Following: at the end at every look while the answer grows.
    const heights: number[] = [];
    for (let look = 0; look < 5; look++) {
      await page.waitForTimeout(200);
      expect(await fromEnd(page)).toBeLessThanOrEqual(4);
      heights.push(await scroller(page).evaluate((element) => element.scrollHeight));
    }
    expect(heights.at(-1)).toBeGreaterThan(heights[0] ?? 0);
    await expect(page.locator('[data-tp-part="transcript"]')).toHaveAttribute('data-tp-following', 'true');

    // The reader scrolls up: following stops, the position holds while text keeps arriving.
    await scroller(page).hover();
    await page.mouse.wheel(0, -1500);
    await expect(page.locator('[data-tp-part="transcript-jump"]')).toBeVisible();
    const held = await scroller(page).evaluate((element) => element.scrollTop);
    await page.waitForTimeout(600);
    expect(
      Math.abs((await scroller(page).evaluate((element) => element.scrollTop)) - held),
    ).toBeLessThanOrEqual(2);
    expect(await fromEnd(page)).toBeGreaterThan(100);

    // Jump to latest: back at the end, following again.
    await page.locator('[data-tp-part="transcript-jump"]').click();
    await expect.poll(() => fromEnd(page)).toBeLessThanOrEqual(4);
    await expect(page.locator('[data-tp-part="transcript-jump"]')).toHaveCount(0);

    // Scroll far up, remount (Replay): the transcript comes back where it was left, not at the end.
    await page.mouse.wheel(0, -200);
    await expect(page.locator('[data-tp-part="transcript-jump"]')).toBeVisible();
    await scroller(page).evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2;
    });
    await page.waitForTimeout(300);
    const left = await scroller(page).evaluate((element) => element.scrollTop);
    await page.getByRole('button', { name: 'Replay' }).click();
    // The new answer streams at the end, out of view: the reader was left in the middle.
    await expect(page.locator('[data-story-chat-status]')).toHaveAttribute(
      'data-story-chat-status',
      /streaming|done/,
      {
        timeout: 20_000,
      },
    );
    await expect
      .poll(() => scroller(page).evaluate((element) => element.scrollTop))
      .toBeGreaterThan(left * 0.9);
    expect(await scroller(page).evaluate((element) => element.scrollTop)).toBeLessThan(left * 1.1);
  });
});
