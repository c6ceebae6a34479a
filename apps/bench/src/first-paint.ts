/**
 * When did the first text of the answer reach the screen? A check inside one
 * animation-frame callback is not enough: a library that commits from its own
 * rAF callback (tokenpaint's frame loop does) changes the DOM after such a check
 * yet before that same frame's paint, and would be charged one frame too many.
 * A task posted from the frame is not enough either: on a busy page it waits
 * behind queued work, and a DOM change made by that work would be credited to
 * the frame before it.
 *
 * So each frame's rendering steps are bracketed from inside the frame. Every rAF
 * callback on the page is wrapped: the first one of a frame opens the bracket and
 * resizes a hidden 1 px sentinel; the sentinel's ResizeObserver callback, which
 * the browser runs after style and layout and right before paint, closes it. The
 * DOM change is timed by a MutationObserver (a microtask after the commit): made
 * inside the bracket, it is painted by that frame; otherwise by the next one.
 * "Painted" is the moment that frame's ResizeObserver step runs: layout done, paint
 * next. The wrapper and sentinel cost the same for every implementation.
 */

/** The two moments of the first visible text. */
export interface FirstPaintTimes {
  /** The text was first in the DOM. */
  readonly inDom: number | null;
  /** The frame that shows it finished layout (its paint comes next). */
  readonly painted: number | null;
}

/**
 * Starts watching; `hasText()` says whether the answer shows text yet, `armed()`
 * whether watching has begun (changes before it are ignored). Call before any
 * library requests animation frames.
 */
export function watchFirstPaint(hasText: () => boolean, armed: () => boolean): () => FirstPaintTimes {
  let inDom: number | null = null;
  let painted: number | null = null;
  let rendering = false;
  let pending: 'this-frame' | 'next-frame' | null = null;

  const sentinel = document.createElement('div');
  sentinel.setAttribute('aria-hidden', 'true');
  sentinel.style.cssText =
    'position:fixed;left:0;top:0;width:1px;height:1px;visibility:hidden;pointer-events:none';
  document.body.append(sentinel);
  let wide = false;
  new ResizeObserver(() => {
    rendering = false;
    if (pending === 'this-frame') {
      painted = performance.now();
      pending = null;
    }
  }).observe(sentinel);

  const enterRendering = (): void => {
    if (rendering) return;
    rendering = true;
    if (pending === 'next-frame') pending = 'this-frame';
    wide = !wide;
    sentinel.style.width = wide ? '2px' : '1px';
  };

  const native = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    native((time) => {
      enterRendering();
      callback(time);
    });

  const observer = new MutationObserver(() => {
    if (!armed() || !hasText()) return;
    inDom = performance.now();
    pending = rendering ? 'this-frame' : 'next-frame';
    observer.disconnect();
  });
  observer.observe(document, { childList: true, characterData: true, subtree: true });

  return () => ({ inDom, painted });
}
