/**
 * `@tokenpaint/react/testing`: drive the components deterministically in unit
 * tests and stories — a fake frame clock (frames run on `tick()`) and a stream
 * run set by hand. Wrap the tree in `<FrameSchedulerProvider scheduler={fake}>`.
 * The same kits as `@tokenpaint/core/testing`, so a React app needs one package.
 */
export type { FakeFrameScheduler, FakeRun } from '@tokenpaint/core/testing';
export { createFakeFrameScheduler, createFakeRun } from '@tokenpaint/core/testing';
