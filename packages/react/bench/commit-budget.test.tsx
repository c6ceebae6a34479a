/**
 * Measures React commits against network chunks on real runs (`startStream` +
 * the in-process mock LLM, real timers, the browser frame scheduler as jsdom
 * provides it). Run: `pnpm bench` (prints a table; asserts the per-frame bound).
 */

import { render, waitFor } from '@testing-library/react';
import { type StreamRun, startStream } from '@tokenpaint/core';
import { createMockFetch, SCRIPTS } from '@tokenpaint/mock-llm';
import { Profiler } from 'react';
import { expect, it } from 'vitest';
import { StreamingMessage } from '../src/index.ts';

/**
 * Counts the snapshots a run builds on its readers' behalf: it builds one lazily
 * per read after a change, so each distinct object returned is one build. A
 * reader that reads on every notification (what the view did before it read the
 * run's cheap `status` and `has` first) builds one per notification.
 */
function countSnapshots(run: StreamRun): { readonly count: number } {
  const seen = new WeakSet<object>();
  const counter = { count: 0 };
  const read = run.getSnapshot.bind(run);
  run.getSnapshot = () => {
    const snapshot = read();
    if (!seen.has(snapshot)) {
      seen.add(snapshot);
      counter.count++;
    }
    return snapshot;
  };
  return counter;
}

const CASES = [
  { name: '4,000 tok/s in writes of 4', query: 'preset=fast&ttft=0&tps=4000&burst=4&jitter=0' },
  { name: 'bursty: writes of 40, 4,000 tok/s', query: 'preset=bursty&ttft=0&tps=4000&burst=40' },
  { name: 'instant (one write loop)', query: 'preset=instant' },
];

it('commits at most once per frame plus status changes, on real runs', async () => {
  const rows: Record<string, string | number>[] = [];
  for (const c of CASES) {
    const run = startStream({
      url: `/v1/chat/completions?script=long&${c.query}`,
      body: { stream: true, messages: [] },
      fetch: createMockFetch(),
    });
    let notifications = 0;
    let statusChanges = 0;
    let lastStatus = run.status;
    // `run.status`, not a snapshot: the harness must not build the snapshots it counts.
    run.subscribe(() => {
      notifications++;
      if (run.status !== lastStatus) statusChanges++;
      lastStatus = run.status;
    });
    const built = countSnapshots(run);
    let commits = 0;
    const started = performance.now();
    const { container, unmount } = render(
      <Profiler id="bench" onRender={() => commits++}>
        <StreamingMessage run={run} />
      </Profiler>,
    );
    await waitFor(() => expect(container.querySelector('[data-tp-status="done"]')).not.toBeNull(), {
      timeout: 20000,
    });
    const elapsed = performance.now() - started;
    const frames = Math.ceil(elapsed / (1000 / 60));
    expect(container.querySelector('[data-tp-part="text"]')?.textContent).toBe(SCRIPTS.long.text);
    rows.push({
      case: c.name,
      'run notifications': notifications,
      'react commits': commits,
      'snapshots built': built.count,
      'elapsed ms': Math.round(elapsed),
      '60 Hz frames': frames,
    });
    // Mount + status changes + one per frame at most.
    expect(commits).toBeLessThanOrEqual(1 + statusChanges + frames);
    unmount();
  }
  console.table(rows);
}, 60000);
