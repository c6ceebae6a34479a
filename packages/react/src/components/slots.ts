/**
 * The replaceable parts of `<StreamingMessage>`. One mechanism: pass your own
 * component for any part through `components={{ Text: MyMarkdown }}`; each part
 * receives the props typed here, and the defaults are exported so a replacement
 * can wrap one instead of rewriting it.
 */
import type { StreamSnapshot, StreamStatus, ToolCallSnapshot } from '@tokenpaint/core';
import type { ComponentType } from 'react';

/** The shape of the placeholder shown before the first token. */
export type SkeletonShape = 'paragraph' | 'code' | 'tool';

/** Props of the `Skeleton` part. */
export interface SkeletonProps {
  readonly shape: SkeletonShape;
  /** How many lines to draw (also the height reserved for the answer). */
  readonly lines: number;
}

/** Props of the `Status` part (the visible status line). */
export interface StatusProps {
  readonly snapshot: StreamSnapshot;
}

/** Props of the `Text` part. */
export interface TextProps {
  /** The text to show (the paced prefix when pacing is on). */
  readonly text: string;
  /** More text may come: show a caret. */
  readonly streaming: boolean;
}

/** Props of the `Reasoning` part (the model's thinking, when the stream carries it). */
export interface ReasoningProps {
  readonly text: string;
  /** Reasoning is still arriving (no answer text yet). */
  readonly streaming: boolean;
}

/** Props of the `ToolCall` part. */
export interface ToolCallProps {
  /** The call as of the last commit; `call.completedPaths` says which argument fields are final. */
  readonly call: ToolCallSnapshot;
}

/** Props of the `Actions` part (Stop and Retry). */
export interface ActionsProps {
  readonly status: StreamStatus;
  readonly onStop: () => void;
  readonly onRetry: () => void;
  /** A retry would send the request again (false for a request its app has disabled). */
  readonly canRetry: boolean;
}

/** Every replaceable part of `<StreamingMessage>`. */
export interface StreamingMessageComponents {
  readonly Skeleton: ComponentType<SkeletonProps>;
  readonly Status: ComponentType<StatusProps>;
  readonly Text: ComponentType<TextProps>;
  readonly Reasoning: ComponentType<ReasoningProps>;
  readonly ToolCall: ComponentType<ToolCallProps>;
  readonly Actions: ComponentType<ActionsProps>;
}
