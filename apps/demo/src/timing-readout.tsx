import type { StreamTiming } from '@tokenpaint/react';
import type { ReactNode } from 'react';

function ms(value: number | undefined, since: number): string {
  return value === undefined ? '–' : `${Math.round(value - since)} ms`;
}

/**
 * The run's own timestamps, as the core records them. The attributes carry the
 * raw `performance.now()` values so the e2e suite can compare the first token's
 * arrival with the frame that painted it.
 */
export function TimingReadout({ timing }: { readonly timing: StreamTiming }): ReactNode {
  // tokenCount and lastToken, not tokenArrivals: reading that copies every arrival time.
  const { requestStart, responseHeaders, firstToken, tokenCount: tokens, lastToken: last, end } = timing;
  const rate =
    tokens > 1 && firstToken !== undefined && last !== undefined && last > firstToken
      ? `${Math.round(((tokens - 1) * 1000) / (last - firstToken))} tok/s`
      : '–';
  return (
    <dl
      className="demo-timing"
      data-demo="timing"
      data-request-start={requestStart}
      data-first-token={firstToken ?? ''}
      data-tokens={tokens}
    >
      <dt>headers</dt>
      <dd>{ms(responseHeaders, requestStart)}</dd>
      <dt>first token</dt>
      <dd>{ms(firstToken, requestStart)}</dd>
      <dt>tokens</dt>
      <dd>{tokens}</dd>
      <dt>rate</dt>
      <dd>{rate}</dd>
      <dt>total</dt>
      <dd>{ms(end, requestStart)}</dd>
    </dl>
  );
}
