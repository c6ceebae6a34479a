'use client';
import { type ReactNode, useRef } from 'react';
import { useLiveText } from '../hooks/use-live-text.ts';

/** `1.2s` under ten seconds, `12s` above: precise where waits are short, calm where they are long. */
export function formatSeconds(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds)}s`;
}

/**
 * Time since this element mounted (remount it with a `key` to restart). Empty on
 * the server. The text is written by {@link useLiveText}, never through React
 * state: the wait for a first token commits nothing.
 */
export function Elapsed(): ReactNode {
  const ref = useRef<HTMLSpanElement>(null);
  useLiveText(ref, 100, formatSeconds);
  return <span ref={ref} data-tp-part="elapsed" aria-hidden="true" />;
}

/** Seconds left until `at` (scheduler time, e.g. `RetryInfo.nextAttemptAt`). Empty on the server. */
export function Countdown({ at }: { readonly at: number }): ReactNode {
  const ref = useRef<HTMLSpanElement>(null);
  useLiveText(ref, 250, (_elapsed, now) => `in ${Math.max(0, Math.ceil((at - now) / 1000))}s`);
  return <span ref={ref} data-tp-part="countdown" aria-hidden="true" />;
}
