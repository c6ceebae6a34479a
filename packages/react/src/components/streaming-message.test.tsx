import { act, fireEvent, render, screen } from '@testing-library/react';
import { createFakeRun, type FakeRun } from '@tokenpaint/core/testing';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { paths } from '../test-utils/paths.ts';
import { actNow, type ClockedRender, renderWithClock } from '../test-utils/render-with-clock.tsx';
import { DefaultActions } from './default-parts.tsx';
import type { TextProps } from './slots.ts';
import { StreamingMessage, type StreamingMessageProps } from './streaming-message.tsx';

function setup(
  props: Pick<StreamingMessageProps, 'skeleton' | 'components' | 'pacing'> = {},
): ClockedRender & { run: FakeRun } {
  const view = renderWithClock(<p />);
  const run = createFakeRun({ now: view.scheduler.now });
  view.rerender(<StreamingMessage run={run} {...props} />);
  return Object.assign(view, { run });
}

function CustomText({ text, streaming }: TextProps) {
  return <output data-testid="custom">{`${text}|${streaming}`}</output>;
}

const part = (container: HTMLElement, name: string) => container.querySelector(`[data-tp-part="${name}"]`);

/** Focuses Stop, lets the answer finish, and checks that focus lands on the message, not the body. */
function expectFocusKeptWhenStopGoes(): void {
  const { container, run, tick } = setup();
  actNow(() => run.appendText('Almost.'));
  screen.getByRole('button', { name: 'Stop' }).focus();
  actNow(() => run.setStatus('done'));
  tick();
  expect(screen.queryByRole('button')).toBeNull();
  expect(document.activeElement).toBe(part(container, 'message'));
}

describe('<StreamingMessage>', () => {
  it('shows a skeleton with reserved height and an elapsed time while connecting', () => {
    const { container, tick } = setup({ skeleton: 'code' });
    expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('connecting');
    expect(container.querySelectorAll('[data-tp-part="skeleton-line"]')).toHaveLength(6);
    expect(part(container, 'skeleton')?.getAttribute('aria-hidden')).toBe('true');
    expect((part(container, 'body') as HTMLElement).style.minHeight).toBe(
      'calc(6 * var(--tp-line-height, 1.5em))',
    );
    expect(part(container, 'status-label')?.textContent).toBe('Connecting…');
    for (let i = 0; i < 8; i++) tick(150);
    expect(part(container, 'elapsed')?.textContent).toBe('1.2s');
    expect(screen.getByRole('status').textContent).toBe('Connecting');
  });

  it('commits nothing while the user waits: the elapsed time and the countdown tick outside React', () => {
    let commits = 0;
    const view = renderWithClock(<p />);
    const run = createFakeRun({ now: view.scheduler.now });
    const message = (
      <Profiler id="message" onRender={() => commits++}>
        <StreamingMessage run={run} />
      </Profiler>
    );
    view.rerender(message);
    actNow(() => run.setStatus('waiting'));
    const settled = commits;
    for (let i = 0; i < 30; i++) view.tick(100);
    expect(part(view.container, 'elapsed')?.textContent).toBe('3.0s');
    expect(commits).toBe(settled);
    const at = view.scheduler.now() + 3000;
    actNow(() => run.setStatus('retrying', { retry: { attempt: 2, nextAttemptAt: at, reason: '503' } }));
    const retrying = commits;
    for (let i = 0; i < 12; i++) view.tick(100);
    expect(part(view.container, 'countdown')?.textContent).toBe('in 2s');
    expect(commits).toBe(retrying);
  });

  it('replaces the skeleton with text and a hidden caret on the first token, keeping the reserved height', () => {
    const { container, run } = setup({ skeleton: 4 });
    actNow(() => run.setStatus('waiting'));
    expect(part(container, 'status-label')?.textContent).toBe('Thinking…');
    actNow(() => run.appendText('Hello'));
    expect(part(container, 'skeleton')).toBeNull();
    expect(part(container, 'text')?.textContent).toBe('Hello▍');
    expect(part(container, 'caret')?.getAttribute('aria-hidden')).toBe('true');
    expect((part(container, 'body') as HTMLElement).style.minHeight).toBe(
      'calc(4 * var(--tp-line-height, 1.5em))',
    );
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect(part(container, 'body')?.getAttribute('aria-busy')).toBe('true');
    expect(part(container, 'live-text')?.closest('[aria-busy="true"]')).toBeNull();
  });

  it('shows one caret, where output grows: in the tool call while its arguments stream, not also after the text', () => {
    const { container, run } = setup();
    actNow(() => run.appendText('Checking all three at once.'));
    actNow(() =>
      run.setToolCall({
        id: 'c1',
        name: 'get_weather',
        argsText: '{"city": "Par',
        args: { city: 'Par' },
        state: 'streaming-args',
        completedPaths: paths(),
      }),
    );
    const carets = container.querySelectorAll('[data-tp-part="caret"]');
    expect(carets).toHaveLength(1);
    expect(carets[0]?.closest('[data-tp-part="tool-call"]')).not.toBeNull();
  });

  it('names the running tool, says when stalled, and counts down to the next retry', () => {
    const { container, run, tick } = setup();
    actNow(() =>
      run.setToolCall({
        id: 'c1',
        name: 'get_weather',
        argsText: '{}',
        args: {},
        state: 'args-complete',
        completedPaths: paths([]),
      }),
    );
    actNow(() => run.setStatus('tool-running'));
    expect(part(container, 'status-label')?.textContent).toBe('Running get_weather…');
    actNow(() => run.setStatus('stalled'));
    expect(part(container, 'status-label')?.textContent).toBe('Connection stalled, waiting…');
    const at = run.getSnapshot().timing.requestStart + 3000;
    actNow(() => run.setStatus('retrying', { retry: { attempt: 2, nextAttemptAt: at, reason: '503' } }));
    expect(part(container, 'status-label')?.textContent).toBe('Retrying (attempt 2)…');
    expect(part(container, 'countdown')?.textContent).toBe('in 3s');
    tick(1100);
    expect(part(container, 'countdown')?.textContent).toBe('in 2s');
    expect(screen.getByRole('status').textContent).toBe('Connection failed, retrying (attempt 2)');
  });

  it('shows the error with a Retry button that retries the run, keeping the received text', () => {
    const { container, run } = setup();
    actNow(() => run.appendText('Partial answer'));
    actNow(() => run.setStatus('error', { error: new Error('upstream reset') }));
    expect(part(container, 'status-label')?.textContent).toBe('Error: upstream reset');
    expect(part(container, 'text')?.textContent).toBe('Partial answer');
    expect(part(container, 'caret')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(run.calls.retry).toBe(1);
    expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('connecting');
    expect(part(container, 'skeleton')).not.toBeNull();
  });

  it('Stop aborts, keeps the partial answer and keeps focus on the same button (now Retry)', () => {
    const { container, run } = setup();
    actNow(() => run.appendText('Half of it'));
    const stop = screen.getByRole('button', { name: 'Stop' });
    stop.focus();
    fireEvent.click(stop);
    expect(run.calls.abort).toBe(1);
    expect(part(container, 'status-label')?.textContent).toBe('Stopped');
    expect(part(container, 'text')?.textContent).toBe('Half of it');
    const retry = screen.getByRole('button', { name: 'Retry' });
    expect(retry).toBe(stop);
    expect(document.activeElement).toBe(retry);
  });

  it('ends with no caret and no buttons when done', () => {
    const { container, run, tick } = setup();
    actNow(() => run.appendText('All of it.'));
    actNow(() => run.setStatus('done'));
    tick();
    expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('done');
    expect(part(container, 'caret')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(part(container, 'body')?.getAttribute('aria-busy')).toBe('false');
  });

  it('moves keyboard focus to the message when the focused Stop button goes away at the end', () => {
    expectFocusKeptWhenStopGoes();
  });

  it('moves focus to the message also where removing the focused button fires focusout (Chromium)', () => {
    // Chromium dispatches blur/focusout (relatedTarget null) when the focused element is removed;
    // jsdom does not, so emulate it for React's removal of the Stop button.
    const removeChild = Node.prototype.removeChild;
    Node.prototype.removeChild = function <T extends Node>(this: Node, child: T): T {
      const active = document.activeElement;
      if (active && active !== document.body && child.contains(active)) {
        active.dispatchEvent(new FocusEvent('blur', { relatedTarget: null }));
        active.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: null }));
      }
      return removeChild.call(this, child) as T;
    };
    try {
      expectFocusKeptWhenStopGoes();
    } finally {
      Node.prototype.removeChild = removeChild;
    }
  });

  it('leaves focus alone when the user moved it out of the message before the end', async () => {
    const { run, tick } = setup();
    actNow(() => run.appendText('Almost.'));
    const stop = screen.getByRole('button', { name: 'Stop' });
    stop.focus();
    stop.blur(); // e.g. a click on the page background
    await Promise.resolve();
    actNow(() => run.setStatus('done'));
    tick();
    expect(document.activeElement).toBe(document.body);
  });

  it('commits the first token at once and then at most once per frame for 5,000 tokens', () => {
    const { run, commits, tick, container } = setup();
    actNow(() => run.setStatus('waiting'));
    const before = commits();
    actNow(() => run.appendText('first '));
    expect(commits()).toBe(before + 1);
    for (let frame = 0; frame < 10; frame++) {
      actNow(() => {
        for (let i = 0; i < 500; i++) run.appendText('tok ');
      });
      tick();
    }
    expect(commits() - before).toBeLessThanOrEqual(11);
    expect(part(container, 'text')?.textContent).toBe(`${run.getSnapshot().text}▍`);
  });

  it('accepts replacement parts', () => {
    const { run } = setup({ components: { Text: CustomText } });
    actNow(() => run.appendText('md **bold**'));
    expect(screen.getByTestId('custom').textContent).toBe('md **bold**|true');
  });

  it('paces a burst when asked, revealing over several frames', () => {
    const { run, tick, container } = setup({ pacing: { maxLagMs: 1000 } });
    actNow(() => run.appendText('A'));
    tick(200);
    actNow(() => run.appendText('b'.repeat(400)));
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) {
      tick();
      lengths.push(part(container, 'text')?.textContent?.length ?? 0);
    }
    expect(lengths[0]).toBeLessThan(lengths[5] as number);
    expect(lengths[5]).toBeLessThan(402);
    act(() => run.setStatus('done'));
    for (let i = 0; i < 12; i++) tick();
    expect(part(container, 'text')?.textContent).toBe(`A${'b'.repeat(400)}`);
  });

  it('Stop while a finished answer is still being revealed shows the rest at once', () => {
    const { run, tick, container } = setup({ pacing: { maxLagMs: 3000, drainMs: 3000 } });
    actNow(() => run.appendText('A'));
    tick(200);
    actNow(() => run.appendText('b'.repeat(3000)));
    act(() => run.setStatus('done'));
    tick();
    expect(part(container, 'text')?.textContent?.length).toBeLessThan(3001);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('done');
    expect(part(container, 'text')?.textContent).toBe(`A${'b'.repeat(3000)}`);
  });

  it('offers Retry after a stop only when a retry may send (DefaultActions honours canRetry)', () => {
    const noop = () => {};
    const shown = render(<DefaultActions status="aborted" onStop={noop} onRetry={noop} canRetry />);
    expect(shown.container.querySelector('[data-tp-part="retry"]')).not.toBeNull();
    const held = render(<DefaultActions status="aborted" onStop={noop} onRetry={noop} canRetry={false} />);
    expect(held.container.querySelector('button')).toBeNull();
    const running = render(
      <DefaultActions status="streaming" onStop={noop} onRetry={noop} canRetry={false} />,
    );
    expect(running.container.querySelector('[data-tp-part="stop"]')).not.toBeNull();
  });

  it('while `enabled: false` holds the request back, shows an idle message: no Stop, status, timer or skeleton', async () => {
    const view = renderWithClock(<StreamingMessage url="/never" enabled={false} />);
    await act(async () => {});
    view.tick(5000);
    const { container } = view;
    expect(screen.queryByRole('button')).toBeNull();
    expect(part(container, 'message')?.getAttribute('data-tp-status')).toBe('idle');
    expect(part(container, 'body')?.getAttribute('aria-busy')).toBe('false');
    expect(part(container, 'skeleton')).toBeNull();
    expect(part(container, 'status')?.textContent ?? '').toBe('');
    expect(part(container, 'live-status')?.textContent).toBe('');
  });
});
