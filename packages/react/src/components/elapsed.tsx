'use client';
import type { ReactNode } from 'react';
import { useTicker } from '../hooks/use-ticker.ts';

/** `1.2s` under ten seconds, `12s` above: precise where waits are short, calm where they are long. */
export function formatSeconds(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds)}s`;
}

/** Time since this element mounted (remount it with a `key` to restart). Empty on the server. */
export function Elapsed(): ReactNode {
  const tick = useTicker(100);
  return (
    <span data-tp-part="elapsed" aria-hidden="true">
      {tick ? formatSeconds(tick.now - tick.start) : ''}
    </span>
  );
}

/** Seconds left until `at` (scheduler time, e.g. `RetryInfo.nextAttemptAt`). Empty on the server. */
export function Countdown({ at }: { readonly at: number }): ReactNode {
  const tick = useTicker(250);
  return (
    <span data-tp-part="countdown" aria-hidden="true">
      {tick ? `in ${Math.max(0, Math.ceil((at - tick.now) / 1000))}s` : ''}
    </span>
  );
}
