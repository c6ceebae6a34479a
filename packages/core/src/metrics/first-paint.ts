import type { PaintMethod } from '../beacon/schema.ts';
import type { StreamRun } from '../run/types.ts';

/** When a run's answer text was first painted, and how that was timed. */
export interface FirstPaint {
  at: number;
  method: PaintMethod;
}

// run → generation → the pending or settled first paint. Weak: a run's record
// goes with the run.
const paints = new WeakMap<StreamRun, Map<number, Promise<FirstPaint | undefined>>>();

/**
 * The frame that first shows the text, estimated from the DOM commit that put
 * it there: a requestAnimationFrame callback runs just before that frame is
 * painted, and a message posted from it is handled just after, so the message's
 * time is the paint's, a little late (`next-frame`). Where there is no
 * animation frame (SSR, a background tab, jsdom) it resolves undefined rather
 * than guess.
 */
function nextFrame(): Promise<FirstPaint | undefined> {
  const raf = globalThis.requestAnimationFrame;
  const now = (): number => globalThis.performance?.now() ?? Date.now();
  if (typeof raf !== 'function' || typeof MessageChannel !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    // A hidden page gets no frames: give up rather than wait for the tab to return.
    const timeout = setTimeout(() => resolve(undefined), 1_000);
    raf(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timeout);
        channel.port1.close();
        resolve({ at: now(), method: 'next-frame' });
      };
      channel.port2.postMessage(null);
    });
  });
}

/** Called from the commit that first shows a generation's text: starts timing its paint, once. */
export function markTextCommitted(run: StreamRun, generation: number): void {
  let byGeneration = paints.get(run);
  if (byGeneration === undefined) {
    byGeneration = new Map();
    paints.set(run, byGeneration);
  }
  if (!byGeneration.has(generation)) byGeneration.set(generation, nextFrame());
}

/** The first paint of a generation's text, if a renderer timed one. */
export function firstPaintOf(run: StreamRun, generation: number): Promise<FirstPaint | undefined> {
  return paints.get(run)?.get(generation) ?? Promise.resolve(undefined);
}
