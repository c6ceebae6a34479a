import {
  type CadenceMeter,
  firstPaintOf,
  isTerminal,
  noteStreaming,
  resourceTimed,
  type StreamRun,
  startCadenceMeter,
  toAnswerEvent,
} from '@tokenpaint/core';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useMetricsContext } from './tokenpaint-provider.tsx';

// run → generations already reported: two hooks following one run report it once.
const reported = new WeakMap<StreamRun, Set<number>>();

/**
 * Reports each generation of `run` once it ends, to the nearest provider's
 * reporter, with its first paint where a renderer timed one. Reads the run
 * itself, not a paced view: the figures are the network's and the screen's,
 * not the pacer's.
 */
export function useReportRun(run: StreamRun | null): void {
  const { reporter, settings, latestRun } = useMetricsContext();
  // Every commit of the component that follows the run (the message) counts
  // for the generation it showed: the `commits` of its answer. Nothing to count
  // where nothing reports (outside a provider).
  const commits = useRef({ run: null as StreamRun | null, generation: -1, count: 0 });
  useLayoutEffect(() => {
    if (run === null || reporter === null) return;
    const { generation } = run.getSnapshot();
    const seen = commits.current;
    if (seen.run !== run || seen.generation !== generation) commits.current = { run, generation, count: 1 };
    else seen.count++;
  });
  useEffect(() => {
    if (run !== null) latestRun.set(run);
  }, [run, latestRun]);
  useEffect(() => {
    if (run === null || reporter === null) return;
    // While it streams, INP is tagged `streaming` (see reportWebVitals).
    let streamed: (() => void) | undefined;
    // Frames are measured from the first token to the end: the render cadence while it streams.
    let meter: CadenceMeter | undefined;
    const check = (): void => {
      if (!isTerminal(run.status)) {
        streamed ??= noteStreaming();
        if (run.status === 'streaming') meter ??= startCadenceMeter();
        return;
      }
      streamed?.();
      streamed = undefined;
      const frames = meter?.stop();
      const longFrameScripts = meter?.longFrameScripts;
      meter = undefined;
      const final = run.getSnapshot();
      const seen = commits.current;
      const commitCount = seen.run === run && seen.generation === final.generation ? seen.count : undefined;
      const cadence =
        frames === undefined && commitCount === undefined
          ? undefined
          : { ...frames, ...(commitCount !== undefined && { commits: commitCount }) };
      let done = reported.get(run);
      if (done === undefined) {
        done = new Set();
        reported.set(run, done);
      }
      if (done.has(final.generation)) return;
      done.add(final.generation);
      // After the paint is timed and the request is in Resource Timing (the
      // browser adds a streamed fetch's entry a little after its body ended).
      const ready = Promise.all([firstPaintOf(run, final.generation), resourceTimed(final)]);
      void ready.then(([paint]) => {
        const { tags, budgets, onBudgetExceeded } = settings();
        const answer = toAnswerEvent(final, {
          tags,
          ...(cadence !== undefined && { cadence }),
          ...(longFrameScripts !== undefined && { longFrameScripts }),
          ...(budgets !== undefined && { budgets }),
          ...(paint !== undefined && { moments: { firstPaint: paint.at }, paintMethod: paint.method }),
        });
        reporter.report(answer);
        // The app's callback must break neither the next report nor, uncaught, a Node process.
        if (answer.breaches !== undefined && onBudgetExceeded !== undefined)
          try {
            onBudgetExceeded(answer.breaches, answer);
          } catch (error) {
            const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
            if (typeof report === 'function') report(error);
            else console.error('tokenpaint: onBudgetExceeded threw', error);
          }
      });
    };
    check();
    const unsubscribe = run.subscribe(check);
    return () => {
      unsubscribe();
      streamed?.();
      meter?.stop();
    };
  }, [run, reporter, settings]);
}
