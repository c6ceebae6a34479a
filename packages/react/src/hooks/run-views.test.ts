import { createFakeFrameScheduler, createFakeRun } from '@tokenpaint/core/testing';
import { createRunView } from '@tokenpaint/core/view';
import { describe, expect, it } from 'vitest';
import { catchUpBeforeReactRenders } from './run-views.ts';

describe('catchUpBeforeReactRenders', () => {
  it('catches every view up before a render queued by the first commit (as React queues it)', async () => {
    const scheduler = createFakeFrameScheduler();
    const run = createFakeRun({ now: scheduler.now });
    const views = [
      createRunView(run, { scheduler, onUrgentCommit: catchUpBeforeReactRenders }),
      createRunView(run, { scheduler, onUrgentCommit: catchUpBeforeReactRenders }),
    ];
    let rendered: string[] | undefined;
    let renderQueued = false;
    // React schedules its render in a microtask when a store it reads notifies.
    const onStoreChange = (): void => {
      if (renderQueued) return;
      renderQueued = true;
      queueMicrotask(() => {
        rendered = views.map((view) => view.getSnapshot().text);
      });
    };
    for (const view of views) view.subscribe(onStoreChange);
    run.appendText('#');
    run.appendText(' A');
    await Promise.resolve();
    expect(rendered).toEqual(['# A', '# A']);
  });
});
