/**
 * Replacement parts for `<StreamingMessage components={…}>`: each receives the
 * props the slot types promise, and two of them wrap the exported defaults
 * instead of rewriting them.
 */
import {
  type ActionsProps,
  DefaultStatus,
  isRunning,
  type SkeletonProps,
  type StatusProps,
  type TextProps,
  type ToolCallProps,
  ToolCallView,
} from '@tokenpaint/react';
import type { ReactNode } from 'react';

/** Three pulsing dots instead of lines; still reserves the lines' height (the body's min-height does). */
export function DotsSkeleton({ shape }: SkeletonProps): ReactNode {
  return (
    <div className="custom-dots" data-tp-part="skeleton" data-tp-shape={shape} aria-hidden="true">
      <span />
      <span />
      <span />
    </div>
  );
}

/** The default status line plus live numbers: tokens received and time to first token. */
export function MetricsStatus({ snapshot }: StatusProps): ReactNode {
  const { tokenCount, firstToken, requestStart } = snapshot.timing;
  return (
    <div className="custom-status">
      <DefaultStatus snapshot={snapshot} />
      <span data-story-part="metrics">
        {tokenCount} tokens
        {firstToken === undefined ? '' : ` · first after ${Math.round(firstToken - requestStart)} ms`}
      </span>
    </div>
  );
}

/**
 * A deliberately tiny Markdown reader (headings, fenced code, paragraphs) to show
 * that `Text` can be anything; a real app would plug in its Markdown renderer here.
 */
export function LiteMarkdown({ text, streaming }: TextProps): ReactNode {
  const blocks: ReactNode[] = [];
  // Keyed by where each block starts in the text: streamed text only grows, so a
  // finished block keeps its key (and its DOM node) while the last one changes.
  let offset = 0;
  text.split('```').forEach((chunk, i) => {
    const start = offset;
    offset += chunk.length + 3;
    if (i % 2 === 1) {
      blocks.push(<pre key={start}>{chunk.replace(/^[^\n]*\n/, '')}</pre>);
      return;
    }
    let at = start;
    for (const paragraph of chunk.split(/\n{2,}/)) {
      const key = at;
      at += paragraph.length + 2;
      const heading = /^#{1,6}\s+(.*)$/s.exec(paragraph.trim());
      if (heading) blocks.push(<h4 key={key}>{heading[1]}</h4>);
      else if (paragraph.trim() !== '') blocks.push(<p key={key}>{paragraph}</p>);
    }
  });
  return (
    <div className="custom-markdown" data-tp-part="text" data-story-streaming={streaming || undefined}>
      {blocks}
    </div>
  );
}

/** The default tool call view inside a collapsible panel labelled with the call's state. */
export function CollapsibleToolCall(props: ToolCallProps): ReactNode {
  return (
    <details className="custom-tool" open>
      <summary>
        {props.call.name} <small>({props.call.state})</small>
      </summary>
      <ToolCallView {...props} />
    </details>
  );
}

/** Icon buttons with accessible names. */
export function IconActions({ status, onStop, onRetry, canRetry }: ActionsProps): ReactNode {
  if (isRunning(status)) {
    return (
      <button type="button" className="custom-action" aria-label="Stop generating" onClick={onStop}>
        ■
      </button>
    );
  }
  if (!canRetry || (status !== 'error' && status !== 'aborted')) return null;
  return (
    <button type="button" className="custom-action" aria-label="Try again" onClick={onRetry}>
      ↻
    </button>
  );
}
