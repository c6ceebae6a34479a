import { screen } from '@testing-library/react';
import type { StreamRun, StreamSnapshot } from '@tokenpaint/core';
import { createFakeRun } from '@tokenpaint/core/testing';
import { describe, expect, it } from 'vitest';
import { paths } from '../test-utils/paths.ts';
import { actNow, renderWithClock } from '../test-utils/render-with-clock.tsx';
import { useStream } from './use-stream.ts';
import { useStreamSelector } from './use-stream-selector.ts';

function Text({ run }: { run: StreamRun }) {
  const { snapshot } = useStream({ run });
  return <p data-testid="text">{snapshot.text}</p>;
}

function Status({ run, renders }: { run: StreamRun; renders: StreamSnapshot['status'][] }) {
  const status = useStreamSelector(run, (s) => s.status);
  renders.push(status);
  return <p data-testid="status">{status}</p>;
}

const shallow = <T extends object>(a: T, b: T): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => Object.is(v, (b as Record<string, unknown>)[k]));

function Summary({ run, renders }: { run: StreamRun; renders: number[] }) {
  const summary = useStreamSelector(run, (s) => ({ status: s.status, calls: s.toolCalls.length }), shallow);
  renders.push(summary.calls);
  return <p data-testid="summary">{`${summary.status}:${summary.calls}`}</p>;
}

describe('frame-paced commits', () => {
  it('5,000 tokens within 10 frames: the first-token commit plus at most one commit per frame', () => {
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    view.rerender(<Text run={run} />);
    actNow(() => run.setStatus('waiting'));
    const before = view.commits();
    actNow(() => run.appendText('t0 '));
    expect(view.commits()).toBe(before + 1); // the first token, without waiting for a frame
    expect(screen.getByTestId('text').textContent).toBe('t0 ');
    for (let frame = 0; frame < 10; frame++) {
      actNow(() => {
        for (let i = 1; i <= 500; i++) run.appendText(`t${frame * 500 + i} `);
      });
      view.tick();
    }
    expect(view.commits() - before).toBeLessThanOrEqual(11);
    // The first token's frame paints it alone; every later frame had news, so each committed.
    expect(view.commits() - before).toBeGreaterThanOrEqual(10);
    expect(screen.getByTestId('text').textContent).toBe(run.getSnapshot().text);
  });

  it('a selector on status renders only when status changes', () => {
    const renders: StreamSnapshot['status'][] = [];
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    view.rerender(<Status run={run} renders={renders} />);
    actNow(() => run.setStatus('waiting'));
    for (let i = 0; i < 200; i++) {
      actNow(() => run.appendText('x'));
      if (i % 20 === 0) view.tick();
    }
    actNow(() => run.setStatus('stalled'));
    actNow(() => run.setStatus('streaming'));
    actNow(() => run.setStatus('done'));
    view.tick();
    expect(renders).toEqual(['connecting', 'waiting', 'streaming', 'stalled', 'streaming', 'done']);
    expect(screen.getByTestId('status').textContent).toBe('done');
  });

  it('many components on one run commit together, once per frame', () => {
    const renders: StreamSnapshot['status'][] = [];
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    view.rerender(
      <>
        <Text run={run} />
        <Text run={run} />
        <Status run={run} renders={renders} />
      </>,
    );
    actNow(() => run.appendText('a'));
    const before = view.commits();
    actNow(() => {
      for (let i = 0; i < 100; i++) run.appendText('b');
    });
    view.tick(); // the frame that paints the first token paints it alone
    expect(view.commits()).toBe(before);
    view.tick();
    expect(view.commits()).toBe(before + 1);
  });

  it('an object selector with an equality function renders only when the selection changes', () => {
    const renders: number[] = [];
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    view.rerender(<Summary run={run} renders={renders} />);
    actNow(() => run.appendText('a'));
    for (let i = 0; i < 50; i++) {
      actNow(() => run.appendText('b'));
      view.tick();
    }
    expect(renders).toHaveLength(2); // connecting, streaming
    actNow(() =>
      run.setToolCall({
        id: 'x',
        name: 'n',
        argsText: '',
        args: undefined,
        state: 'streaming-args',
        completedPaths: paths(),
      }),
    );
    expect(screen.getByTestId('summary').textContent).toBe('streaming:1');
    expect(renders).toHaveLength(3);
  });
});
