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
