'use client';
import { isRunning, markTextCommitted, textBlockOf } from '@tokenpaint/core';
import { hasVisibleText, statusAnnouncement } from '@tokenpaint/core/view';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { useKeepFocus } from '../a11y/use-keep-focus.ts';
import { type UseStreamOptions, useStream } from '../hooks/use-stream.ts';
import {
  DefaultActions,
  DefaultReasoning,
  DefaultSkeleton,
  DefaultStatus,
  DefaultText,
} from './default-parts.tsx';
import { LiveRegion } from './live-region.tsx';
import type { SkeletonShape, StreamingMessageComponents } from './slots.ts';
import { ToolCallView } from './tool-call-view.tsx';

/** The defaults of every part; spread and override to customize one. */
export const defaultComponents: StreamingMessageComponents = {
  Skeleton: DefaultSkeleton,
  Status: DefaultStatus,
  Text: DefaultText,
  Reasoning: DefaultReasoning,
  ToolCall: ToolCallView,
  Actions: DefaultActions,
};

const SHAPE_LINES: Record<SkeletonShape, number> = { paragraph: 3, code: 6, tool: 4 };

/** Props of {@link StreamingMessage}: a request to own (`url`, `body`, …) or a `run`, plus presentation. */
export type StreamingMessageProps = UseStreamOptions & {
  /**
   * The placeholder before the first token: a shape, a number of lines, or `false`
   * for none. Its height stays reserved as the answer's minimum height, so the first
   * token replaces it without moving the page. Default `'paragraph'` (3 lines).
   */
  readonly skeleton?: SkeletonShape | number | false;
  /** Replace any part (see `StreamingMessageComponents`). */
  readonly components?: Partial<StreamingMessageComponents>;
  /** Minimum ms between two screen-reader announcements of the text. Default 1000. */
  readonly announceIntervalMs?: number;
  readonly className?: string;
  /** Labels the message for assistive technology. */
  readonly 'aria-label'?: string;
};

function skeletonLayout(
  skeleton: StreamingMessageProps['skeleton'],
): { shape: SkeletonShape; lines: number } | null {
  if (skeleton === false) return null;
  if (typeof skeleton === 'number') return { shape: 'paragraph', lines: Math.max(1, Math.round(skeleton)) };
  const shape = skeleton ?? 'paragraph';
  return { shape, lines: SHAPE_LINES[shape] };
}

/**
 * A streamed answer, drop-in: skeleton until the first token, a status line with
 * elapsed time, the text with a caret, tool calls as they stream, Stop and Retry,
 * and polite sentence-by-sentence announcements. Commits at most once per frame.
 *
 * @example
 * <StreamingMessage url="/api/chat" body={{ messages }} pacing skeleton="paragraph" />
 */
export function StreamingMessage(props: StreamingMessageProps): ReactNode {
  const { skeleton, components, announceIntervalMs, className, 'aria-label': ariaLabel, ...source } = props;
  const { snapshot, run, abort, retry, canRetry, held } = useStream(source as UseStreamOptions);
  const parts = components ? { ...defaultComponents, ...components } : defaultComponents;
  const { Skeleton, Status, Text, Reasoning, ToolCall, Actions } = parts;
  const { status, text, reasoning, toolCalls } = snapshot;
  // Held back by `enabled: false`: nothing is running, so no timer, Stop or skeleton.
  const running = isRunning(status) && !held;
  const layout = skeletonLayout(skeleton);
  const hasOutput = text !== '' || reasoning !== '' || toolCalls.length > 0;
  // One caret, where output grows: while a tool call's arguments stream, the text
  // before it is not growing, so its caret goes (the tool call shows its own).
  const argsStreaming = toolCalls.some((call) => call.state === 'streaming-args');
  const showSkeleton = layout !== null && !hasOutput && running;
  const root = useRef<HTMLElement>(null);
  useKeepFocus(root, running);
  // The commit that first shows this answer's text (not a lone `#`): time the frame that paints it.
  const textShown = hasVisibleText(text);
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!textShown || run === null) return;
    const block = body.current === null ? undefined : textBlockOf(body.current);
    markTextCommitted(run, snapshot.generation, block);
  }, [textShown, run, snapshot.generation]);

  return (
    <article
      ref={root}
      tabIndex={-1}
      data-tp-part="message"
      data-tp-status={held ? 'idle' : status}
      data-tp-phase={running && text === '' && reasoning !== '' ? 'reasoning' : undefined}
      className={className}
      aria-label={ariaLabel}
    >
      {/* Status and actions share one header row above the answer: anything placed
          below a growing answer moves down with every new line, and each move is a
          layout shift (CLS) by the browser's definition. */}
      <div data-tp-part="header">
        {!held && <Status snapshot={snapshot} />}
        {!held && <Actions status={status} onStop={abort} onRetry={retry} canRetry={canRetry} />}
      </div>
      {/* aria-busy sits on the body, not the root: assistive technology may hold back changes inside a
          busy element, and the live regions below must keep speaking while the answer streams. */}
      <div
        ref={body}
        data-tp-part="body"
        aria-busy={running}
        style={
          layout
            ? {
                minHeight: `calc(${layout.lines} * var(--tp-line-height, 1.5em))`,
                ['--tp-skeleton-lines' as string]: layout.lines,
              }
            : undefined
        }
      >
        {showSkeleton && layout && <Skeleton shape={layout.shape} lines={layout.lines} />}
        {reasoning !== '' && <Reasoning text={reasoning} streaming={running && text === ''} />}
        {text !== '' && <Text text={text} streaming={running && !argsStreaming} />}
        {toolCalls.map((call) => (
          <ToolCall key={call.id} call={call} />
        ))}
      </div>
      <LiveRegion
        response={[run, snapshot.generation]}
        text={text}
        final={!running}
        status={held ? '' : statusAnnouncement(snapshot)}
        {...(announceIntervalMs === undefined ? {} : { intervalMs: announceIntervalMs })}
      />
    </article>
  );
}
