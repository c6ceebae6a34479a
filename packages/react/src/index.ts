/**
 * @tokenpaint/react: streamed LLM output in React with one commit per frame at
 * most, a first token painted without delay, skeletons, live tool calls and
 * accessible announcements. Re-exports the core names apps need, so one package
 * is enough. Every name here is documented in the package README; the engine
 * underneath (run views, pacer, frame loop) is `@tokenpaint/core/view`.
 */

// The core names a React app needs, so it installs one package.
export type {
  AnswerEvent,
  BeaconBreach,
  BeaconReporter,
  BeaconReporterOptions,
  BeaconTags,
  Clock,
  ConnectionWarmerOptions,
  FinishReason,
  JSONPath,
  LatencyBudgets,
  OutputKind,
  PartialJSONOptions,
  RetryInfo,
  RetryPolicy,
  StartStreamOptions,
  StreamProtocol,
  StreamRun,
  StreamSnapshot,
  StreamStatus,
  StreamTiming,
  ToolCallSnapshot,
  ToolCallState,
  Usage,
  WarmUpRequest,
} from '@tokenpaint/core';
export {
  Allow,
  ContentTypeError,
  createPartialJSON,
  DisconnectedError,
  HttpError,
  isRunning,
  isTerminal,
  MalformedEventError,
  NetworkError,
  PartialJSONSyntaxError,
  ProtocolDetectionError,
  ProviderError,
  pathKey,
  RetryBudgetError,
  StallError,
  StreamError,
  startStream,
  ToolCallValidationError,
  WarmUpConfigError,
} from '@tokenpaint/core';
export type {
  ConversationMessage,
  ConversationRequest,
  ConversationState,
  FrameScheduler,
  PacingOptions,
} from '@tokenpaint/core/view';
export { statusAnnouncement, statusLabel } from '@tokenpaint/core/view';

// Components and their replaceable parts
export { useKeepFocus } from './a11y/use-keep-focus.ts';
export type { ComposerProps } from './components/composer.tsx';
export { Composer } from './components/composer.tsx';
export {
  Caret,
  DefaultActions,
  DefaultReasoning,
  DefaultSkeleton,
  DefaultStatus,
  DefaultText,
  PlainText,
} from './components/default-parts.tsx';
export { Countdown, Elapsed } from './components/elapsed.tsx';
export type { JSONValueViewProps } from './components/json-value-view.tsx';
export { JSONValueView } from './components/json-value-view.tsx';
export type { LatencyHUDProps } from './components/latency-hud.tsx';
export { LatencyHUD } from './components/latency-hud.tsx';
export type {
  ActionsProps,
  ReasoningProps,
  SkeletonProps,
  SkeletonShape,
  StatusProps,
  StreamingMessageComponents,
  TextProps,
  ToolCallProps,
} from './components/slots.ts';
export type { StreamingMessageProps } from './components/streaming-message.tsx';
export { defaultComponents, StreamingMessage } from './components/streaming-message.tsx';
export { ToolCallView } from './components/tool-call-view.tsx';
export type { TranscriptProps } from './components/transcript.tsx';
export { Transcript } from './components/transcript.tsx';
// Hooks
export { useConnectionWarmer } from './hooks/use-connection-warmer.ts';
export type { UseConversationOptions, UseConversationResult } from './hooks/use-conversation.ts';
export { useConversation } from './hooks/use-conversation.ts';
export type { PartialJSONSource, PartialJSONState } from './hooks/use-partial-json.ts';
export { usePartialJSON } from './hooks/use-partial-json.ts';
export type { StreamSource, UseStreamOptions, UseStreamResult } from './hooks/use-stream.ts';
export { useStream } from './hooks/use-stream.ts';
export { useStreamSelector } from './hooks/use-stream-selector.ts';
export type { ToolCallProgressState } from './hooks/use-tool-call.ts';
export { useToolCall } from './hooks/use-tool-call.ts';
export type { EqualityFn } from './hooks/use-view-selector.ts';
export type { StreamingMarkdownProps } from './markdown/streaming-markdown.tsx';
export { StreamingMarkdown } from './markdown/streaming-markdown.tsx';

// The frame clock (inject a fake one in tests: `@tokenpaint/react/testing`)
export type {
  LatestRun,
  MetricsContextValue,
  MetricsSettings,
  TokenpaintProviderProps,
} from './metrics/tokenpaint-provider.tsx';
export { TokenpaintProvider, useMetricsContext } from './metrics/tokenpaint-provider.tsx';
export type { RunMetrics } from './metrics/use-run-metrics.ts';
export { useRunMetrics } from './metrics/use-run-metrics.ts';
export type { FrameSchedulerProviderProps } from './scheduling/scheduler-context.tsx';
export { FrameSchedulerProvider, useFrameScheduler } from './scheduling/scheduler-context.tsx';
