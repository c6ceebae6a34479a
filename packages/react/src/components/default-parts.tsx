'use client';
import { isRunning } from '@tokenpaint/core';
import { statusLabel } from '@tokenpaint/core/view';
/**
 * The default parts of `<StreamingMessage>`: unstyled markup with `data-tp-part`
 * attributes for styling and tests. Replace any of them through `components`.
 */
import { memo, type ReactNode } from 'react';
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx';
import { Countdown, Elapsed } from './elapsed.tsx';
import type { ActionsProps, ReasoningProps, SkeletonProps, StatusProps, TextProps } from './slots.ts';

const TIMED = new Set(['connecting', 'waiting', 'tool-running', 'stalled']);

/** The caret shown after streaming text. Decorative: hidden from assistive technology. */
export function Caret(): ReactNode {
  return (
    <span data-tp-part="caret" aria-hidden="true">
      ▍
    </span>
  );
}

/** Placeholder lines shaped like the expected answer; hidden from assistive technology (the status speaks). */
export function DefaultSkeleton({ shape, lines }: SkeletonProps): ReactNode {
  return (
    <div data-tp-part="skeleton" data-tp-shape={shape} aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder lines have no other identity.
        <span key={i} data-tp-part="skeleton-line" />
      ))}
    </div>
  );
}

/** The status line: a label plus the time spent in the status (or the retry countdown). */
export function DefaultStatus({ snapshot }: StatusProps): ReactNode {
  const { status, retry } = snapshot;
  return (
    <div data-tp-part="status" data-tp-status={status}>
      <span data-tp-part="status-label">{statusLabel(snapshot)}</span>
      {TIMED.has(status) && <Elapsed key={status} />}
      {status === 'retrying' && retry && <Countdown key={retry.attempt} at={retry.nextAttemptAt} />}
    </div>
  );
}

/** Splits text after blank lines, so finished paragraphs keep their DOM node while the last one grows. */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', start)) {
    blocks.push(text.slice(start, at + 2));
    start = at + 2;
  }
  if (start < text.length || blocks.length === 0) blocks.push(text.slice(start));
  return blocks;
}

const TextBlock = memo(function TextBlock({ text }: { readonly text: string }): ReactNode {
  return <span data-tp-part="text-block">{text}</span>;
});

/**
 * The answer as plain text, paragraph by paragraph, with a caret while
 * streaming: for answers that are not Markdown, `components={{ Text: PlainText }}`.
 */
export function PlainText({ text, streaming }: TextProps): ReactNode {
  return (
    <div data-tp-part="text" data-tp-format="plain">
      {splitBlocks(text).map((block, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks only ever append, so the index is their identity.
        <TextBlock key={i} text={block} />
      ))}
      {/* Keyed by length: a new caret node per commit. A caret that moves along the
          growing line is a layout shift by the browser's definition (it counted
          0.04 CLS over one answer in Chromium); a newly inserted node is not. */}
      {streaming && <Caret key={text.length} />}
    </div>
  );
}

/** The answer as streaming Markdown (see `StreamingMarkdown`), with a caret while streaming. */
export function DefaultText({ text, streaming }: TextProps): ReactNode {
  return (
    <div data-tp-part="text" data-tp-format="markdown">
      <StreamingMarkdown text={text} streaming={streaming} />
      {/* Keyed by length, as in PlainText: a new caret node per commit is no layout shift. */}
      {streaming && <Caret key={text.length} />}
    </div>
  );
}

/** The model's reasoning, collapsed by default. */
export function DefaultReasoning({ text, streaming }: ReasoningProps): ReactNode {
  return (
    <details data-tp-part="reasoning" data-tp-streaming={streaming || undefined}>
      <summary>Reasoning</summary>
      <div data-tp-part="reasoning-text">{text}</div>
    </details>
  );
}

/**
 * Stop while running, Retry after an error or a stop. One `<button>` element whose
 * role changes, so keyboard focus stays on it when Stop turns into Retry.
 */
export function DefaultActions({ status, onStop, onRetry, canRetry }: ActionsProps): ReactNode {
  const running = isRunning(status);
  if (!running && (!canRetry || (status !== 'error' && status !== 'aborted'))) return null;
  return (
    <div data-tp-part="actions">
      <button type="button" data-tp-part={running ? 'stop' : 'retry'} onClick={running ? onStop : onRetry}>
        {running ? 'Stop' : 'Retry'}
      </button>
    </div>
  );
}
