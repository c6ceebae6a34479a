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

  const toEnd = useCallback(() => {
    const element = scroller.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, []);

  // Follow the end: after every commit that changed the total height (a new
  // message, a row measured taller as its answer grows), before paint.
  useLayoutEffect(() => {
    if (followingRef.current && total > 0) toEnd();
  }, [total, toEnd]);

  // The user decides: scrolling away from the end stops following, back to it resumes.
  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    let last = element.scrollTop;
    const onScroll = (): void => {
      const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PX;
      if (atEnd) {
        if (!followingRef.current) follow(true);
      } else if (element.scrollTop < last - AT_BOTTOM_SLACK_PX && followingRef.current) follow(false);
      last = element.scrollTop;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [follow]);

  // Remember where the reader was, for the next mount with the same id.
  useEffect(() => {
    if (restoreId === undefined) return;
    const element = scroller.current;
    return () => {
      saved.set(restoreId, { offset: element?.scrollTop ?? 0, following: followingRef.current });
    };
  }, [restoreId]);

  const jump = (): void => {
    follow(true);
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
              ref={virtualizer.measureElement}
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
