/**
 * `@tokenpaint/core/testing`: drive a renderer deterministically — a fake frame
 * clock (frames run on `tick()`, time moves when told) and a stream run set by hand.
 */
export type { FakeFrameScheduler } from './testing/fake-frame-scheduler.ts';
export { createFakeFrameScheduler } from './testing/fake-frame-scheduler.ts';
export type { FakeRun } from './testing/fake-run.ts';
export { createFakeRun } from './testing/fake-run.ts';
