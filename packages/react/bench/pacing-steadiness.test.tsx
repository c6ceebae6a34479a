/**
 * Measures how steadily text appears on a bursty real run (writes of 40 tokens
 * every ~100 ms), with and without `pacing`: the characters added per commit.
 * Run: `pnpm bench`.
 */

import { render, waitFor } from '@testing-library/react';
import { startStream } from '@tokenpaint/core';
import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { expect, it } from 'vitest';
import { StreamingMessage, type TextProps } from '../src/index.ts';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

/** Text lengths seen by the `Text` part, one per render. */
let lengths: number[] = [];

function Text({ text }: TextProps) {
  lengths.push(text.length);
  return <p data-tp-part="text">{text}</p>;
}

async function measure(pacing: boolean) {
  lengths = [];
  const run = startStream({
    url: '/v1/chat/completions?script=markdown&preset=bursty&ttft=0&tps=400&burst=40&jitter=0',
    body: { stream: true, messages: [] },
    fetch: createMockFetch(),
  });
  const { container, unmount } = render(<StreamingMessage run={run} pacing={pacing} components={{ Text }} />);
  await waitFor(() => expect(container.querySelector('[data-tp-status="done"]')).not.toBeNull(), {
    timeout: 20000,
  });
  expect(container.querySelector('[data-tp-part="text"]')?.textContent).toBe(SCRIPTS.markdown.text);
  unmount();
  const steps = lengths
    .slice(2)
    .map((v, i) => v - (lengths[i + 1] as number))
    .filter((d) => d > 0);
  return {
    commits: steps.length + 1,
    p50: percentile(steps, 0.5),
    p95: percentile(steps, 0.95),
    max: Math.max(...steps),
  };
}

it('pacing turns bursts into small steady steps', async () => {
  const raw = await measure(false);
  const paced = await measure(true);
  console.table({ unpaced: raw, paced });
  expect(paced.p95).toBeLessThan(raw.p50);
  expect(paced.max).toBeLessThan(raw.max);
}, 60000);
