/**
 * `@tokenpaint/react/testing`: drive the components deterministically in unit
 * tests and stories — a fake frame clock (frames run on `tick()`) and a stream
 * run set by hand. Wrap the tree in `<FrameSchedulerProvider scheduler={fake}>`.
 */
export type { FakeFrameScheduler } from './test-utils/fake-frame-scheduler.ts';
export { createFakeFrameScheduler } from './test-utils/fake-frame-scheduler.ts';
export type { FakeRun } from './test-utils/fake-run.ts';
export { createFakeRun } from './test-utils/fake-run.ts';
