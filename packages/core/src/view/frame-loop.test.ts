import { describe, expect, it } from 'vitest';
import { createFakeFrameScheduler } from '../testing/fake-frame-scheduler.ts';
import { createFakeRun } from '../testing/fake-run.ts';
import type { FrameScheduler } from './frame-scheduler.ts';
import { createRunView } from './run-view.ts';

describe('frame loop', () => {
  it('leaves no visibility listener behind once nothing is scheduled (a scheduler per render must not leak)', () => {
    const fake = createFakeFrameScheduler();
    let watching = 0;
    const scheduler: FrameScheduler = {
      ...fake,
      onVisibilityChange(listener) {
        watching++;
        const off = fake.onVisibilityChange(listener);
        return () => {
          watching--;
          off();
        };
      },
    };
    const run = createFakeRun({ now: fake.now });
    const view = createRunView(run, { scheduler });
    const unsubscribe = view.subscribe(() => {});
    run.appendText('a');
    run.appendText('b');
    expect(watching).toBe(1); // a frame is pending: a page hidden now must switch to the timer
    fake.setHidden(true);
    fake.advance(500);
    expect(view.getSnapshot().text).toBe('ab');
    fake.setHidden(false);
    run.appendText('c');
    unsubscribe();
    expect(watching).toBe(0);
  });
});

describe('holding the frame that paints a first token', () => {
  it("keeps every store's commits out of that frame, then runs them in the next", () => {
    const scheduler = createFakeFrameScheduler();
    const answer = createFakeRun({ now: scheduler.now });
    const other = createFakeRun({ now: scheduler.now });
    const answerView = createRunView(answer, { scheduler });
    // A list that mirrors the answer, waiting for frames (a conversation's copy of it).
    const listView = createRunView(answer, { scheduler, immediate: 'end' });
    const otherView = createRunView(other, { scheduler });
    for (const view of [answerView, listView, otherView]) view.subscribe(() => {});
    other.appendText('Another stream');
    scheduler.tick();
    answer.appendText('First'); // the answer's first token: committed at once, its frame held
    other.appendText(' goes on');
    expect(answerView.getSnapshot().text).toBe('First');
    expect(listView.getSnapshot().text).toBe(''); // the list waits for a frame
    scheduler.tick(); // the held frame: no store commits
    expect(listView.getSnapshot().text).toBe('');
    expect(otherView.getSnapshot().text).toBe('Another stream');
    scheduler.tick();
    expect(listView.getSnapshot().text).toBe('First');
    expect(listView.getSnapshot().status).toBe('streaming');
    expect(otherView.getSnapshot().text).toBe('Another stream goes on');
  });

  it('holds nothing on a hidden page (it paints no frame)', () => {
    const scheduler = createFakeFrameScheduler();
    const run = createFakeRun({ now: scheduler.now });
    const view = createRunView(run, { scheduler });
    view.subscribe(() => {});
    scheduler.setHidden(true);
    run.appendText('First');
    run.appendText(' second');
    scheduler.advance(500);
    expect(view.getSnapshot().text).toBe('First second');
  });
});
