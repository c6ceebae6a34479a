'use client';
import { type CSSProperties, type ReactNode, useRef } from 'react';
import { useSentenceAnnouncer } from '../a11y/use-sentence-announcer.ts';

/** Hidden visually, kept for assistive technology (works without the stylesheet). */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
};

/** Props of {@link LiveRegion}. */
export interface LiveRegionProps {
  /** The text so far. */
  readonly text: string;
  /** No more text will come (announce the rest). */
  readonly final: boolean;
  /** Said once when it changes: the status announcement. */
  readonly status: string;
  /** Minimum ms between two text announcements. */
  readonly intervalMs?: number;
  /**
   * Which response `text` belongs to, e.g. `[run, snapshot.generation]`: when either
   * changes (a retry, the next turn), announcing starts over. Without it, text that
   * shrank or changed its start is taken for a new response.
   */
  readonly response?: readonly [source: unknown, generation: number] | undefined;
}

/**
 * Two visually hidden live regions: completed sentences of the answer (polite, in
 * sentence-sized batches, never per token) and status changes (`role="status"`).
 */
export function LiveRegion({ text, final, status, intervalMs, response }: LiveRegionProps): ReactNode {
  const region = useRef<HTMLDivElement>(null);
  useSentenceAnnouncer(region, text, final, intervalMs, response);
  return (
    <>
      <div
        ref={region}
        data-tp-part="live-text"
        aria-live="polite"
        aria-atomic="true"
        style={visuallyHidden}
      />
      <div data-tp-part="live-status" role="status" aria-atomic="true" style={visuallyHidden}>
        {status}
      </div>
    </>
  );
}
