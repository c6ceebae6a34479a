/**
 * Testing helpers: render under a fake frame clock, advance frames inside `act`,
 * and count React commits with a `<Profiler>`.
 */
import { act, type RenderResult, render } from '@testing-library/react';
import { createFakeFrameScheduler, type FakeFrameScheduler } from '@tokenpaint/core/testing';
import { Profiler, type ReactNode } from 'react';
import { FrameSchedulerProvider } from '../scheduling/scheduler-context.tsx';

/** A render under a fake frame clock, with a commit counter. */
export interface ClockedRender extends RenderResult {
  readonly scheduler: FakeFrameScheduler;
  /** React commits of the profiled tree so far (mount included). */
  commits(): number;
  /** Advances one frame (or `ms`) inside `act`. */
  tick(ms?: number): void;
}

/** Renders `ui` inside a `FrameSchedulerProvider` with a fake clock and a commit-counting `<Profiler>`. */
export function renderWithClock(ui: ReactNode, scheduler = createFakeFrameScheduler()): ClockedRender {
  let commits = 0;
  const onRender = (): void => {
    commits++;
  };
  const wrap = (node: ReactNode): ReactNode => (
    <FrameSchedulerProvider scheduler={scheduler}>
      <Profiler id="tp" onRender={onRender}>
        {node}
      </Profiler>
    </FrameSchedulerProvider>
  );
  const result = render(wrap(ui));
  return {
    ...result,
    rerender: (next: ReactNode) => result.rerender(wrap(next)),
    scheduler,
    commits: () => commits,
    tick: (ms?: number) => act(() => scheduler.tick(ms)),
  };
}

/** Runs `fn` inside `act` (state updates from a fake run flush before assertions). */
export function actNow(fn: () => void): void {
  act(fn);
}
