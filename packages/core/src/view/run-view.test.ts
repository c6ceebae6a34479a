import { describe, expect, it } from 'vitest';
import { createFakeFrameScheduler } from '../testing/fake-frame-scheduler.ts';
import { createFakeRun } from '../testing/fake-run.ts';
import { createRunView } from './run-view.ts';

/** What a renderer that renders in a later microtask (React) passes as `onUrgentCommit`. */
const catchUpInMicrotask = (catchUp: () => void): void => queueMicrotask(catchUp);

function setup(
  pacing?: boolean,
  onUrgentCommit: ((catchUp: () => void) => void) | null = catchUpInMicrotask,
) {
  const scheduler = createFakeFrameScheduler();
  const run = createFakeRun({ now: scheduler.now });
  const view = createRunView(run, { scheduler, pacing, onUrgentCommit: onUrgentCommit ?? undefined });
  let notified = 0;
  const unsubscribe = view.subscribe(() => notified++);
  return { scheduler, run, view, unsubscribe, notifications: () => notified };
}

describe('createRunView', () => {
  it('commits status changes and the first token synchronously, then once per frame', () => {
    const { scheduler, run, view, notifications } = setup();
    run.setStatus('waiting');
    expect(notifications()).toBe(1);
    run.appendText('Hel');
    expect(notifications()).toBe(2);
    expect(view.getSnapshot().text).toBe('Hel');
    for (let i = 0; i < 100; i++) run.appendText('lo');
    expect(notifications()).toBe(2);
    expect(view.getSnapshot().text).toBe('Hel');
    scheduler.tick(); // the frame that paints the first token paints it alone
    expect(notifications()).toBe(2);
    scheduler.tick();
    expect(notifications()).toBe(3);
    expect(view.getSnapshot().text).toBe(`Hel${'lo'.repeat(100)}`);
    scheduler.tick();
    expect(notifications()).toBe(3); // nothing new, no commit
  });

  it('adds the rest of the read that carried the first token before the next microtask checkpoint ends', async () => {
    const { scheduler, run, view, notifications } = setup();
    // A run applies one network read part by part, notifying after each, all in one task.
    run.appendText('#');
    run.appendText(' A');
    run.appendText(' long');
    expect(view.getSnapshot().text).toBe('# A'); // the first visible token, synchronously
    await Promise.resolve();
    expect(view.getSnapshot().text).toBe('# A long'); // the rest of its read, no frame needed
    expect(notifications()).toBe(2); // the first words (streaming starts with them), the catch-up
    scheduler.tick();
    expect(notifications()).toBe(2); // nothing left for the frame
    run.appendText(' answer'); // a later read waits for the frame as usual
    await Promise.resolve();
    expect(view.getSnapshot().text).toBe('# A long');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('# A long answer');
  });

  it("paints the first token's frame alone: reads after it wait for the frame after, later reads a frame each", async () => {
    const { scheduler, run, view, notifications } = setup();
    run.appendText('First');
    run.appendText(' read'); // same task: joins the first token before React renders
    await Promise.resolve();
    expect(view.getSnapshot().text).toBe('First read');
    run.appendText(' second'); // a later read, before the frame that presents the first token
    await Promise.resolve();
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('First read'); // no commit inside the first token's frame
    expect(notifications()).toBe(2);
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('First read second');
    run.appendText(' third');
    scheduler.tick(); // from here on, one commit per frame as usual
    expect(view.getSnapshot().text).toBe('First read second third');
    expect(notifications()).toBe(4);
  });

  it('leaves the rest of the first read for the frame after when no catch-up is asked for', async () => {
    const { scheduler, run, view } = setup(false, null);
    run.appendText('A');
    run.appendText(' B');
    await Promise.resolve();
    expect(view.getSnapshot().text).toBe('A'); // a synchronous renderer already drew 'A'
    scheduler.tick(); // the first token's frame paints alone
    expect(view.getSnapshot().text).toBe('A');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('A B');
  });

  it('does not spend the first-token commit on text that shows nothing: the first words commit at once', async () => {
    const { scheduler, run, view, notifications } = setup();
    run.setStatus('streaming');
    await Promise.resolve(); // the status's read is over
    const beforeText = notifications();
    run.appendText('#'); // a heading mark, alone in its read: an empty heading on screen
    await Promise.resolve();
    expect(notifications()).toBe(beforeText); // not urgent: it would wait for the frame
    run.appendText(' Streaming'); // the next read, before that frame: the first visible text
    expect(view.getSnapshot().text).toBe('# Streaming');
    expect(notifications()).toBe(beforeText + 1);
    await Promise.resolve();
    run.appendText(' interfaces'); // and now the frame that paints it is held as usual
    await Promise.resolve();
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('# Streaming');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('# Streaming interfaces');
  });

  it("with immediate: 'end', commits the start and the first token at the next frame, the end at once", () => {
    const scheduler = createFakeFrameScheduler();
    const run = createFakeRun({ now: scheduler.now });
    const view = createRunView(run, { scheduler, immediate: 'end' });
    let notified = 0;
    view.subscribe(() => notified++);
    run.setStatus('waiting');
    run.appendText('Hello');
    expect(notified).toBe(0);
    expect(view.getSnapshot().status).toBe('connecting');
    scheduler.tick();
    expect(notified).toBe(1);
    expect(view.getSnapshot()).toMatchObject({ status: 'streaming', text: 'Hello' });
    run.abort(); // Stop pressed: the list shows it at once
    expect(notified).toBe(2);
    expect(view.getSnapshot().status).toBe('aborted');
  });

  it("with immediate: 'end', shows the end of a retried run at once too", () => {
    const scheduler = createFakeFrameScheduler();
    const run = createFakeRun({ now: scheduler.now });
    const view = createRunView(run, { scheduler, immediate: 'end' });
    view.subscribe(() => {});
    run.appendText('Hi');
    run.setStatus('done');
    expect(view.getSnapshot().status).toBe('done');
    run.retry();
    run.appendText('Again');
    scheduler.tick();
    expect(view.getSnapshot()).toMatchObject({ status: 'streaming', text: 'Again' });
    run.setStatus('done');
    expect(view.getSnapshot().status).toBe('done'); // at once, not at the next frame
  });

  it('does not commit the start of streaming on its own while its first part shows nothing', () => {
    const { scheduler, run, view, notifications } = setup();
    run.setStatus('waiting');
    const before = notifications();
    run.appendText('#'); // streaming starts, with a heading mark
    expect(notifications()).toBe(before);
    expect(view.getSnapshot().status).toBe('waiting');
    scheduler.tick(); // nothing visible came before the frame: it commits there
    expect(view.getSnapshot()).toMatchObject({ status: 'streaming', text: '#' });
  });

  it('commits text that never shows anything at the next frame, like any later text', async () => {
    const { scheduler, run, view } = setup();
    run.setStatus('streaming');
    await Promise.resolve();
    run.appendText('\n\n');
    expect(view.getSnapshot().text).toBe('');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('\n\n');
  });

  it('releases the first frame even when nothing else arrives before it', () => {
    const { scheduler, run, view } = setup();
    run.appendText('Hi');
    scheduler.tick();
    run.appendText(' there');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('Hi there');
  });

  it('keeps the snapshot identity between commits', () => {
    const { run, view } = setup();
    run.appendText('a');
    const first = view.getSnapshot();
    run.appendText('b');
    expect(view.getSnapshot()).toBe(first);
  });

  it('falls back to a timer while hidden and catches up at once when visible', () => {
    const { scheduler, run, view, notifications } = setup(true);
    run.appendText('first');
    scheduler.setHidden(true);
    run.appendText(' second');
    scheduler.tick(16);
    expect(view.getSnapshot().text).toBe('first'); // no frames while hidden
    scheduler.advance(500);
    expect(view.getSnapshot().text).toBe('first second'); // the hidden-page timer
    run.appendText(' third');
    const before = notifications();
    scheduler.setHidden(false);
    expect(notifications()).toBe(before + 1);
    expect(view.getSnapshot().text).toBe('first second third');
  });

  it('unsubscribes from the run when the last listener leaves, and catches up on return', () => {
    const { run, view, unsubscribe } = setup();
    expect(run.listenerCount).toBe(1);
    unsubscribe();
    expect(run.listenerCount).toBe(0);
    run.appendText('missed');
    view.subscribe(() => {});
    expect(view.getSnapshot().text).toBe('missed');
  });

  it('commits what was pending when the last listener left, once a listener returns', () => {
    const { scheduler, run, view, unsubscribe } = setup();
    run.appendText('a');
    run.appendText('b'); // waits for the frame
    unsubscribe(); // e.g. StrictMode's simulated unmount, or <Activity> hiding the tree
    view.subscribe(() => {});
    scheduler.tick(); // the frame that paints 'a' stays held
    expect(view.getSnapshot().text).toBe('a');
    scheduler.tick();
    expect(view.getSnapshot().text).toBe('ab');
  });

  it('finishes a paced drain interrupted by the last listener leaving', () => {
    const { scheduler, run, view, unsubscribe } = setup(true);
    run.appendText('A');
    scheduler.tick(100);
    run.appendText('x'.repeat(300));
    run.setStatus('done');
    scheduler.tick();
    expect(view.getSnapshot().status).toBe('streaming'); // draining
    unsubscribe();
    view.subscribe(() => {});
    for (let i = 0; i < 20; i++) scheduler.tick();
    expect(view.getSnapshot().status).toBe('done');
    expect(view.getSnapshot().text).toHaveLength(301);
  });

  it('paces bursts, holds `done` until drained, and reveals all on abort', () => {
    const { scheduler, run, view } = setup(true);
    run.appendText('A');
    scheduler.tick(100);
    run.appendText('x'.repeat(300));
    scheduler.tick();
    const partial = view.getSnapshot();
    expect(partial.text.length).toBeGreaterThan(1);
    expect(partial.text.length).toBeLessThan(301);
    run.setStatus('done');
    expect(view.getSnapshot().status).toBe('streaming'); // still draining
    for (let i = 0; i < 12; i++) scheduler.tick();
    expect(view.getSnapshot()).toBe(run.getSnapshot());
    expect(view.getSnapshot().status).toBe('done');

    run.retry();
    run.appendText('B');
    scheduler.tick(100);
    run.appendText('y'.repeat(300));
    run.abort();
    expect(view.getSnapshot().text).toBe(`B${'y'.repeat(300)}`);
  });

  it('reveals at once when the user prefers reduced motion', () => {
    const { scheduler, run, view } = setup(true);
    scheduler.setReducedMotion(true);
    run.appendText('A');
    scheduler.tick(100);
    run.appendText('x'.repeat(300));
    scheduler.tick();
    expect(view.getSnapshot().text).toHaveLength(301);
  });

  it('never cuts a surrogate pair in half', () => {
    const { scheduler, run, view } = setup(true);
    run.appendText('A');
    scheduler.tick(100);
    run.appendText('😀'.repeat(200));
    for (let i = 0; i < 20; i++) {
      scheduler.tick();
      const text = view.getSnapshot().text;
      expect(text.length % 2).toBe(1);
    }
  });
});
