import { firstPaintOf, isTerminal, type StreamRun, toAnswerEvent } from '@tokenpaint/core';
import { useEffect } from 'react';
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
  const { reporter, tags } = useMetricsContext();
  useEffect(() => {
    if (run === null || reporter === null) return;
    const check = (): void => {
      if (!isTerminal(run.status)) return;
      const final = run.getSnapshot();
      let done = reported.get(run);
      if (done === undefined) {
        done = new Set();
        reported.set(run, done);
      }
      if (done.has(final.generation)) return;
      done.add(final.generation);
      void firstPaintOf(run, final.generation).then((paint) => {
        reporter.report(
          toAnswerEvent(final, {
            tags: tags(),
            ...(paint !== undefined && { moments: { firstPaint: paint.at }, paintMethod: paint.method }),
          }),
        );
      });
    };
    check();
    return run.subscribe(check);
  }, [run, reporter, tags]);
}
