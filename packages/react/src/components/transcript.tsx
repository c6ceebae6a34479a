'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Props of {@link Transcript}. */
export interface TranscriptProps<Message> {
  /** The conversation, oldest first (e.g. `useConversation().messages`). */
  readonly messages: readonly Message[];
  /** A stable key per message (its id). */
  readonly getKey: (message: Message, index: number) => string;
  /** One message; memoize what it renders, since rows mount and unmount as they scroll by. */
  readonly renderMessage: (message: Message, index: number) => ReactNode;
  /** A first guess at a row's height (px) before it is measured. Default 120. */
  readonly estimateSize?: number;
  /** Rows rendered beyond the viewport on each side. Default 4. */
  readonly overscan?: number;
  /**
   * Restores the scroll position when a transcript with this id mounts again
   * in the same page (a route change, a tab switch that unmounts it).
   */
  readonly restoreId?: string;
  /** Label of the button that scrolls back to the newest message. Default "Jump to latest". */
  readonly jumpLabel?: string;
  readonly className?: string;
  /** Names the scrolling region. Default "Conversation". */
  readonly 'aria-label'?: string;
}

/** How close to the end (px) still counts as the bottom: sub-pixel rounding. */
const AT_BOTTOM_SLACK_PX = 4;

/** Where each restorable transcript was left: its scroll offset, and whether it followed the end. */
const saved = new Map<string, { offset: number; following: boolean }>();

/**
 * A virtualized message list for long conversations: only the rows near the
 * viewport are mounted, each measured as it renders (heights change while an
 * answer streams). It follows the end while new text arrives; scrolling up
 * stops that and shows a "Jump to latest" button; rows above the viewport that
 * change height do not move what the reader is looking at (the virtualizer
 * corrects the offset); and with `restoreId` the position survives a remount.
 */
export function Transcript<Message>({
  messages,
  getKey,
  renderMessage,
  estimateSize = 120,
  overscan = 4,
  restoreId,
  jumpLabel = 'Jump to latest',
  className,
  'aria-label': ariaLabel = 'Conversation',
}: TranscriptProps<Message>): ReactNode {
  const scroller = useRef<HTMLElement>(null);
  const restored = restoreId === undefined ? undefined : saved.get(restoreId);
  // A ref for the scroll handlers, state for the button.
  const followingRef = useRef(restored?.following ?? true);
  const [following, setFollowing] = useState(followingRef.current);
  const follow = useCallback((next: boolean) => {
    followingRef.current = next;
    setFollowing(next);
  }, []);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan,
    getItemKey: (index) => getKey(messages[index] as Message, index),
    initialOffset: restored?.offset ?? 0,
  });
  const total = virtualizer.getTotalSize();

  // Where this component last put the scroll, and how tall the list was then.
  const own = useRef({ top: 0, height: 0 });
  const toEnd = useCallback(() => {
    const element = scroller.current;
    if (element === null) return;
    element.scrollTop = element.scrollHeight;
    own.current = { top: element.scrollTop, height: element.scrollHeight };
  }, []);
  /**
   * Snaps to the end while following, unless the view was moved well up since
   * the last snap (a script, find-in-page): that and the answer's growth can
   * land in the same frame, before the scroll event says so. A list that got
   * shorter (rows measured smaller than estimated) pulls the scroll up with it:
   * that is not a move. The reader's own scrolling is caught earlier, from the
   * wheel, touch and keys.
   */
  const keepFollowing = useCallback(() => {
    const element = scroller.current;
    if (element === null || !followingRef.current) return;
    const { top, height } = own.current;
    const movedUp = top - element.scrollTop - Math.max(0, height - element.scrollHeight);
    if (movedUp > element.clientHeight / 2) follow(false);
    else toEnd();
  }, [follow, toEnd]);

  // Follow the end: after every commit that changed the total height (a new
  // message, a row re-measured), before paint.
  useLayoutEffect(() => {
    if (total > 0) keepFollowing();
  }, [total, keepFollowing]);

  // A row that grows (the streaming answer) is seen by this observer after
  // layout and before paint, in the same frame: scrolling there keeps the new
  // line on screen in the frame that shows it, where waiting for the
  // virtualizer's re-render would show the list a line short for a frame.
  const grown = useRef<ResizeObserver | null>(null);
  if (grown.current === null && typeof ResizeObserver === 'function')
    grown.current = new ResizeObserver(() => keepFollowing());
  useEffect(() => () => grown.current?.disconnect(), []);
  const measureRow = useCallback(
    (element: HTMLDivElement | null) => {
      virtualizer.measureElement(element);
      if (element === null) return;
      grown.current?.observe(element);
      return () => {
        grown.current?.unobserve(element);
        virtualizer.measureElement(null);
      };
    },
    [virtualizer],
  );
  /**
   * The last row is watched, not measured: it is the one that grows while an
   * answer streams, and a measurement per frame would re-render the list in a
   * second commit every frame. Nothing is placed after it, and the scroller's
   * height includes it anyway (it overflows the spacer); it is measured once
   * another message follows it (the ref changes, so React attaches the other).
   */
  const watchLastRow = useCallback((element: HTMLDivElement | null) => {
    if (element === null) return;
    grown.current?.observe(element);
    return () => grown.current?.unobserve(element);
  }, []);

  // The user decides: scrolling away from the end stops following, back to it resumes.
  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    let last = element.scrollTop;
    const onScroll = (): void => {
      const scrollable = element.scrollHeight > element.clientHeight + AT_BOTTOM_SLACK_PX;
      const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PX;
      // An unfilled list (while mounting, before rows are measured) is at its end without anyone scrolling.
      if (atEnd && scrollable) {
        if (!followingRef.current) follow(true);
      } else if (element.scrollTop < last - AT_BOTTOM_SLACK_PX && followingRef.current) follow(false);
      last = element.scrollTop;
      // Where the reader is, kept as they scroll: at unmount the element may already be detached.
      if (restoreId !== undefined)
        saved.set(restoreId, { offset: element.scrollTop, following: followingRef.current });
    };
    // Input that scrolls up is intent before any scroll happens, so growth in the
    // same frame cannot snap the view back: a wheel turned up, a finger moving
    // down, the keys that scroll up.
    const stop = (): void => {
      if (followingRef.current) follow(false);
    };
    const onWheel = (event: WheelEvent): void => {
      if (event.deltaY < 0) stop();
    };
    let touchY: number | undefined;
    const onTouchStart = (event: TouchEvent): void => {
      touchY = event.touches[0]?.clientY;
    };
    const onTouchMove = (event: TouchEvent): void => {
      const y = event.touches[0]?.clientY;
      if (y !== undefined && touchY !== undefined && y > touchY + AT_BOTTOM_SLACK_PX) stop();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (['ArrowUp', 'PageUp', 'Home'].includes(event.key) || (event.key === ' ' && event.shiftKey)) stop();
    };
    const listeners = [
      ['scroll', onScroll],
      ['wheel', onWheel],
      ['touchstart', onTouchStart],
      ['touchmove', onTouchMove],
      ['keydown', onKeyDown],
    ] as const;
    for (const [type, listener] of listeners)
      element.addEventListener(type, listener as EventListener, { passive: true });
    return () => {
      for (const [type, listener] of listeners) element.removeEventListener(type, listener as EventListener);
    };
  }, [follow, restoreId]);

  const jump = (): void => {
    follow(true);
    own.current = { top: 0, height: 0 };
    virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    toEnd();
  };

  return (
    // Layout the list needs to work at all is inline; looks are in styles.css.
    <div
      data-tp-part="transcript"
      data-tp-following={following || undefined}
      className={className}
      style={{ position: 'relative', height: '100%' }}
    >
      {/* A named section is a region; not role=log, which is a live region: the messages announce themselves. */}
      <section
        ref={scroller}
        data-tp-part="transcript-scroller"
        aria-label={ariaLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        tabIndex={0}
        style={{ overflowY: 'auto', height: '100%', overflowAnchor: 'none' }}
      >
        <div style={{ height: total, position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              data-index={row.index}
              data-tp-part="transcript-row"
              ref={row.index === messages.length - 1 ? watchLastRow : measureRow}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
              }}
            >
              {renderMessage(messages[row.index] as Message, row.index)}
            </div>
          ))}
        </div>
      </section>
      {!following && messages.length > 0 && (
        <button type="button" data-tp-part="transcript-jump" onClick={jump}>
          {jumpLabel}
        </button>
      )}
    </div>
  );
}
