import { render, waitFor } from '@testing-library/react';
import {
  type AnswerEvent,
  type BeaconSend,
  createBeaconReporter,
  startStream,
  validateBeacon,
} from '@tokenpaint/core';
import { createMockFetch } from '@tokenpaint/mock-llm';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { StreamingMessage } from '../components/streaming-message.tsx';
import { TokenpaintProvider } from './tokenpaint-provider.tsx';

const body = { model: 'mock', stream: true, messages: [{ role: 'user', content: 'Hi' }] };

/** A reporter whose transport records every event it is given. */
function recordingReporter() {
  const events: AnswerEvent[] = [];
  const send: BeaconSend = (_url, text) => {
    const parsed = validateBeacon(JSON.parse(text));
    if (!parsed.ok || parsed.rejected.length > 0) throw new Error(`invalid beacon: ${text}`);
    events.push(...(parsed.batch.events as AnswerEvent[]));
    return true;
  };
  return { events, reporter: createBeaconReporter({ url: '/v1/beacon', send, maxBatchEvents: 1 }) };
}

describe('<TokenpaintProvider>', () => {
  it('reports each answer a <StreamingMessage> inside finishes, once, under StrictMode, with the tags', async () => {
    const { events, reporter } = recordingReporter();
    const { container } = render(
      <StrictMode>
        <TokenpaintProvider beacon={reporter} tags={{ prompt_version: '14' }}>
          <StreamingMessage
            url="/v1/chat/completions?preset=instant"
            body={body}
            fetch={createMockFetch()}
            protocol="openai-chat"
          />
        </TokenpaintProvider>
      </StrictMode>,
    );
    await waitFor(() =>
      expect(container.querySelector('[data-tp-part="message"]')?.getAttribute('data-tp-status')).toBe(
        'done',
      ),
    );
    await waitFor(() => expect(events).toHaveLength(1), { timeout: 3_000 });
    const [event] = events;
    expect(event).toMatchObject({ outcome: 'done', tags: { prompt_version: '14', protocol: 'openai-chat' } });
    expect(event?.metrics.ttft_ms).toBeGreaterThanOrEqual(0);
    expect(event?.metrics.output_tokens).toBeGreaterThan(0);
    // The message's own commits while it streamed: whole, and far fewer than tokens (one per frame at most).
    const commits = event?.metrics.commits ?? 0;
    expect(Number.isInteger(commits) && commits > 0).toBe(true);
    expect(commits).toBeLessThan((event?.metrics.output_tokens ?? 0) + 5);
  });

  it('reports a run followed by two components once, and reports again after a retry', async () => {
    const { events, reporter } = recordingReporter();
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant',
      body,
      fetch: createMockFetch(),
    });
    render(
      <TokenpaintProvider beacon={reporter}>
        <StreamingMessage run={run} />
        <StreamingMessage run={run} />
      </TokenpaintProvider>,
    );
    await run.done;
    await waitFor(() => expect(events).toHaveLength(1), { timeout: 3_000 });
    run.retry();
    await waitFor(() => expect(events).toHaveLength(2), { timeout: 3_000 });
    expect(new Set(events.map((e) => e.request_id)).size).toBe(2);
  });

  it('tells the app of the budgets an answer went over, and puts them in its beacon', async () => {
    const { events, reporter } = recordingReporter();
    const seen: string[][] = [];
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant',
      body,
      fetch: createMockFetch(),
    });
    render(
      <TokenpaintProvider
        beacon={reporter}
        budgets={{ e2e_ms: 0.01, ttft_ms: undefined }}
        onBudgetExceeded={(breaches) => seen.push(breaches.map((breach) => breach.budget))}
      >
        <StreamingMessage run={run} />
      </TokenpaintProvider>,
    );
    await waitFor(() => expect(events).toHaveLength(1), { timeout: 3_000 });
    expect(seen).toEqual([events[0]?.breaches?.map((breach) => breach.budget)]);
    expect(seen[0]).toContain('e2e_ms');
    expect(seen[0]).not.toContain('ttft_ms');
  });

  it('reports nothing outside a provider, and renders the same', async () => {
    const run = startStream({
      url: 'http://mock/v1/chat/completions?preset=instant',
      body,
      fetch: createMockFetch(),
    });
    const { container } = render(<StreamingMessage run={run} />);
    await run.done;
    await waitFor(() =>
      expect(container.querySelector('[data-tp-part="message"]')?.getAttribute('data-tp-status')).toBe(
        'done',
      ),
    );
  });
});
