import type { PaintMethod } from '../beacon/schema.ts';
import type { StreamRun } from '../run/types.ts';

/** When a run's answer text was first painted (on the `performance.now()` clock), and how that was timed. */
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

let identifiers = 0;

/**
 * Element Timing (Chromium): the browser's own record of when an element's text
 * was first presented on screen (`renderTime`), a frame or two after the main
 * thread finished the frame that the next-frame estimate sees. Resolves
 * undefined where the API is missing or no entry comes within a second (the
 * text landed in a block that had painted before, which has no new entry).
 */
function elementTiming(element: Element): Promise<FirstPaint | undefined> {
  const Observer = globalThis.PerformanceObserver;
  if (typeof Observer !== 'function' || !Observer.supportedEntryTypes?.includes('element'))
    return Promise.resolve(undefined);
  const identifier = `tp-text-${++identifiers}`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (paint: FirstPaint | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      observer.disconnect();
      resolve(paint);
    };
    const observer = new Observer((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { identifier?: string; renderTime?: number }
      >)
        if (entry.identifier === identifier && (entry.renderTime ?? 0) > 0)
          settle({ at: entry.renderTime ?? 0, method: 'element-timing' });
    });
    const timeout = setTimeout(() => settle(undefined), 1_000);
    observer.observe({ type: 'element', buffered: true });
    element.setAttribute('elementtiming', identifier);
  });
}

/**
 * Called from the commit that first shows a generation's text (before the
 * browser paints it), once per generation: starts timing its paint. `block` is
 * the element that contains the text (Chromium attributes text to its
 * containing block); with it, Element Timing is used where the browser has it,
 * the next-frame estimate otherwise or when no entry comes.
 */
export function markTextCommitted(run: StreamRun, generation: number, block?: Element): void {
  let byGeneration = paints.get(run);
  if (byGeneration === undefined) {
    byGeneration = new Map();
    paints.set(run, byGeneration);
  }
  if (byGeneration.has(generation)) return;
  const estimate = nextFrame();
  byGeneration.set(
    generation,
    block === undefined ? estimate : elementTiming(block).then((timed) => timed ?? estimate),
  );
}

/**
 * The element that contains the first text under `root`: the nearest ancestor
 * of its first non-blank text node whose display is not inline (a paragraph, a
 * div), where Element Timing attributes text. Undefined without a DOM.
 */
export function textBlockOf(root: Element): Element | undefined {
  const doc = root.ownerDocument;
  const view = doc?.defaultView;
  if (doc === undefined || view === null || view === undefined || typeof doc.createTreeWalker !== 'function')
    return undefined;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if ((node.textContent ?? '').trim() === '') continue;
    let element = node.parentElement;
    while (
      element !== null &&
      element !== root &&
      view.getComputedStyle(element).display.startsWith('inline')
    )
      element = element.parentElement;
    return element ?? undefined;
  }
  return undefined;
}

/** The first paint of a generation's text, if a renderer timed one. */
export function firstPaintOf(run: StreamRun, generation: number): Promise<FirstPaint | undefined> {
  return paints.get(run)?.get(generation) ?? Promise.resolve(undefined);
}
