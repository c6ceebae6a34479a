import { type RefObject, useLayoutEffect } from 'react';

/** How close to the end (px) still counts as "at the bottom" (sub-pixel layout rounding). */
const AT_BOTTOM_SLACK_PX = 4;

/**
 * Keeps a chat scrolled to its end while its content grows, as chat UIs do,
 * unless the user scrolled away. Starts at the bottom. Shared by both
 * implementations so scrolling costs them the same.
 */
export function useStickToBottom(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
): void {
  useLayoutEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    let pinned = true;
    let ownTop = 0;
    const toBottom = (): void => {
      element.scrollTop = element.scrollHeight;
      ownTop = element.scrollTop;
    };
    // Content may grow between our scroll and its event: only moving up from where we put it unpins.
    const onScroll = (): void => {
      if (element.scrollTop < ownTop - AT_BOTTOM_SLACK_PX) pinned = false;
      else if (element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PX)
        pinned = true;
    };
    const observer = new ResizeObserver(() => {
      if (pinned) toBottom();
    });
    toBottom();
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(inner);
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, [scroller, content]);
}
