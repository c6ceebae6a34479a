import { describe, expect, it } from 'vitest';
import { createFakeFrameScheduler } from '../testing/fake-frame-scheduler.ts';
import { createFakeRun } from '../testing/fake-run.ts';
import { COMMIT_ROOM_MS, createCommitPressure, MAX_STRIDE } from './commit-pressure.ts';
import { getFrameLoop } from './frame-loop.ts';
import { createRunView } from './run-view.ts';

/** A view whose renderer's work per commit takes `work()` ms of the fake clock; counts commits per frame. */
function heavyRenderer(work: () => number) {
  const scheduler = createFakeFrameScheduler();
  const run = createFakeRun({ now: scheduler.now });
  const view = createRunView(run, { scheduler });
  let commits = 0;
  view.subscribe(() => {
    commits++;
    scheduler.advance(work());
  });
  /** Streams one token per frame for `frames` frames; returns the frames that committed. */
  const stream = (frames: number): boolean[] => {
    const committed: boolean[] = [];
    for (let frame = 0; frame < frames; frame++) {
      run.appendText('x');
      const before = commits;
      scheduler.tick();
      committed.push(commits > before);
    }
    return committed;
  };
  return { scheduler, run, view, stream, loop: getFrameLoop(scheduler) };
}

describe('commit pressure', () => {
  it('commits every frame while commits are light', () => {
    const { run, stream, loop } = heavyRenderer(() => 2);
    run.appendText('first');
    // The first token's frame paints alone: the text after it joins the frame after.
    expect(stream(30).slice(1).every(Boolean)).toBe(true);
    expect(loop.stride).toBe(1);
  });

  it('commits every third frame while a commit takes 20 ms, and keeps every frame of text in the end', () => {
    const { run, view, stream, loop } = heavyRenderer(() => 20);
    run.appendText('first');
    const committed = stream(60);
    expect(loop.stride).toBe(3);
    const late = committed.slice(30);
    expect(late.filter(Boolean)).toHaveLength(10);
    // Nothing is lost: the text held back is in the next commit.
    expect(view.getSnapshot().text.length).toBeGreaterThanOrEqual('first'.length + 58);
  });

  it('comes back to every frame once commits are light again', () => {
    let work = 30;
    const { run, stream, loop } = heavyRenderer(() => work);
    run.appendText('first');
    stream(30);
    expect(loop.stride).toBe(MAX_STRIDE);
    work = 1;
    stream(60);
    expect(loop.stride).toBe(1);
    expect(stream(20).every(Boolean)).toBe(true);
  });

  it('never delays the first token of another answer, however heavy commits were', () => {
    const { scheduler, run, stream, loop } = heavyRenderer(() => 30);
    run.appendText('warm-up');
    stream(20);
    expect(loop.stride).toBeGreaterThan(1);
    const next = createFakeRun({ now: scheduler.now });
    const view = createRunView(next, { scheduler });
    let seen = '';
    view.subscribe(() => {
      seen = view.getSnapshot().text;
    });
    next.appendText('hi');
    // Committed at once, in the same task: no frame, skipped or not, in between.
    expect(seen).toBe('hi');
  });
});

describe('createCommitPressure', () => {
  it('steps up at once and down only well below the step (no flipping near the line)', () => {
    const pressure = createCommitPressure();
    pressure.measured(COMMIT_ROOM_MS * 2.5);
    pressure.shouldCommit();
    expect(pressure.stride).toBe(3);
    for (let k = 0; k < 20; k++) {
      pressure.measured(COMMIT_ROOM_MS * 1.9); // wants 2, but not well below the step from 3 to 2
      pressure.shouldCommit();
    }
    expect(pressure.stride).toBe(3);
    for (let k = 0; k < 20; k++) {
      pressure.measured(COMMIT_ROOM_MS * 1.2);
      pressure.shouldCommit();
    }
    expect(pressure.stride).toBe(2);
  });
});
