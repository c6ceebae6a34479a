import type { StreamSnapshot } from '@tokenpaint/core';
import { createFakeRun } from '@tokenpaint/core/testing';
import { describe, expect, it } from 'vitest';
import { actNow, renderWithClock } from '../test-utils/render-with-clock.tsx';
import { StreamingMessage } from './streaming-message.tsx';

/** A message on a fake run; `initial`: what the run already holds when the message mounts. */
function setup(initial?: Partial<StreamSnapshot>) {
  const view = renderWithClock(<p />);
  const run = createFakeRun({ now: view.scheduler.now, ...(initial ? { initial } : {}) });
  view.rerender(<StreamingMessage run={run} announceIntervalMs={1000} />);
  const live = () => view.container.querySelector('[data-tp-part="live-text"]') as HTMLElement;
  const status = () => view.container.querySelector('[data-tp-part="live-status"]') as HTMLElement;
  return { ...view, run, live, status };
}

describe('accessible announcements', () => {
  it('announces completed sentences politely, never per token, joined within the interval', () => {
    const { run, live, tick } = setup();
    expect(live().getAttribute('aria-live')).toBe('polite');
    const tokens = ['The ', 'sky ', 'is ', 'blue', '. ', 'Grass ', 'is ', 'green', '. ', 'Snow ', 'is'];
    const heard: string[] = [];
    for (const token of tokens) {
      actNow(() => run.appendText(token));
      tick();
      if (live().textContent && heard.at(-1) !== live().textContent) heard.push(live().textContent ?? '');
    }
    // The first sentence is heard when it completes; the second is held for the interval.
    expect(heard).toEqual(['The sky is blue.']);
    tick(1000);
    expect(live().textContent).toBe('Grass is green.');
    actNow(() => run.appendText(' white.'));
    actNow(() => run.setStatus('done'));
    tick();
    expect(live().textContent).toBe('Snow is white.'); // the rest, at the end, without waiting
  });

  it('joins sentences completed within one interval into one announcement', () => {
    const { run, live, tick } = setup();
    actNow(() => run.appendText('One. '));
    tick();
    expect(live().textContent).toBe('One.');
    actNow(() => run.appendText('Two. Three. Fo'));
    tick(500);
    expect(live().textContent).toBe('One.');
    tick(600);
    expect(live().textContent).toBe('Two. Three.');
    actNow(() => run.appendText('ur. Five. Si'));
    tick(100);
    expect(live().textContent).toBe('Two. Three.'); // "Four. Five." is held for the interval
    actNow(() => run.setStatus('done'));
    expect(live().textContent).toBe('Four. Five. Si'); // the end does not wait
  });

  it('announces status changes in a status region, and starts over on retry', () => {
    const { run, status, live, tick } = setup();
    expect(status().getAttribute('role')).toBe('status');
    expect(status().textContent).toBe('Connecting');
    actNow(() => run.setStatus('waiting'));
    expect(status().textContent).toBe('Thinking');
    actNow(() => run.appendText('Partial. answer'));
    expect(status().textContent).toBe('');
    actNow(() => run.setStatus('error', { error: new Error('boom') }));
    expect(status().textContent).toBe('Error: boom');
    tick();
    expect(live().textContent).toBe('answer');
    actNow(() => run.retry());
    tick();
    expect(live().textContent).toBe('');
    expect(status().textContent).toBe('Connecting');
  });

  it('says nothing of an answer that was already finished when it mounted (history, not news)', () => {
    const { run, live, tick } = setup({ status: 'done', text: 'An old answer. It was read before.' });
    tick(2000);
    expect(live().textContent).toBe('');
    // A retry of that answer is news again.
    actNow(() => run.retry());
    actNow(() => run.appendText('A new answer. '));
    tick();
    expect(live().textContent).toBe('A new answer.');
  });

  it('on a remount mid-answer (a virtualized list), says only what completes after it', () => {
    const { run, live, tick } = setup({ status: 'streaming', text: 'Heard before. Still go' });
    tick(2000);
    expect(live().textContent).toBe('');
    actNow(() => run.appendText('ing. Next'));
    tick();
    expect(live().textContent).toBe('Still going.');
  });
});
