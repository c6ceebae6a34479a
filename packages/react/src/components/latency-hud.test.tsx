import { render, waitFor } from '@testing-library/react';
import { startStream } from '@tokenpaint/core';
import { createMockFetch } from '@tokenpaint/mock-llm';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TokenpaintProvider } from '../metrics/tokenpaint-provider.tsx';
import { LatencyHUD } from './latency-hud.tsx';
import { StreamingMessage } from './streaming-message.tsx';

const body = { model: 'mock', stream: true, messages: [{ role: 'user', content: 'Hi' }] };
const figure = (container: HTMLElement, name: string) =>
  container.querySelector(`[data-tp-figure="${name}"]`)?.textContent;

describe('<LatencyHUD>', () => {
  it("shows the answer's TTFT, rate and waterfall once it is known, and nothing without a run", async () => {
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant',
      body,
      fetch: createMockFetch(),
    });
    const { container } = render(
      <>
        <StreamingMessage run={run} />
        <LatencyHUD run={run} />
      </>,
    );
    await run.done;
    await waitFor(() =>
      expect(container.querySelector('[data-tp-part="hud"]')?.getAttribute('data-tp-status')).toBe('done'),
    );
    expect(figure(container, 'ttft')).toMatch(/^\d+ ms$/);
    expect(figure(container, 'tokens')).toMatch(/^\d+ (usage|counted)$/);
    expect(figure(container, 'e2e')).toMatch(/^\d+ ms$/);
    // The raw clock times, to line the HUD up with a trace: the run's own.
    const hud = container.querySelector('[data-tp-part="hud"]');
    const { timing } = run.getSnapshot();
    expect(Number(hud?.getAttribute('data-tp-request-start'))).toBe(timing.requestStart);
    expect(Number(hud?.getAttribute('data-tp-first-token-at'))).toBe(timing.firstToken);
    expect(
      container.querySelectorAll('[data-tp-part="hud-waterfall"] [data-tp-stage]').length,
    ).toBeGreaterThanOrEqual(2);
    expect(render(<LatencyHUD run={null} />).container.innerHTML).toBe('');
  });

  it('follows the latest run started inside a <TokenpaintProvider> when given none', async () => {
    const { container } = render(
      <TokenpaintProvider>
        <StreamingMessage url="/v1/chat/completions?preset=instant" body={body} fetch={createMockFetch()} />
        <LatencyHUD />
      </TokenpaintProvider>,
    );
    await waitFor(
      () =>
        expect(container.querySelector('[data-tp-part="hud"]')?.getAttribute('data-tp-status')).toBe('done'),
      { timeout: 3_000 },
    );
  });

  it('flags a buffered stream with the fix', async () => {
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=buffered-proxy&ttft=300&tps=1000',
      body,
      fetch: createMockFetch(),
    });
    const { container } = render(<LatencyHUD run={run} />);
    await run.done;
    await waitFor(
      () =>
        expect(container.querySelector('[data-tp-part="hud-flag"]')?.textContent).toContain(
          'X-Accel-Buffering',
        ),
      { timeout: 3_000 },
    );
  });

  it('renders on the server without touching browser APIs', () => {
    expect(renderToString(<LatencyHUD run={null} />)).toBe('');
  });
});
