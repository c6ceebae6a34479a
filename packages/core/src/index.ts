// SSE over fetch

export type { Clock } from './sse/clock.ts';
export { systemClock } from './sse/clock.ts';
export {
  ContentTypeError,
  DisconnectedError,
  HttpError,
  NetworkError,
  RetryBudgetError,
  StallError,
  StreamError,
} from './sse/errors.ts';
export type { ResolvedRetryPolicy, RetryPolicy } from './sse/retry-policy.ts';
export { backoffDelay, parseRetryAfter, resolveRetryPolicy } from './sse/retry-policy.ts';
export { streamSSE } from './sse/stream-sse.ts';
export type { SSEMessage, StreamSSEInit, TransportEvent } from './sse/types.ts';

// Protocol adapters and the normalized part model

export type { ProtocolAdapter, StreamProtocol, WireProtocol } from './protocols/adapter.ts';
export { NO_PARTS } from './protocols/adapter.ts';
export { createAISDKAdapter } from './protocols/ai-sdk.ts';
export { createAnthropicAdapter } from './protocols/anthropic.ts';
export { createAdapter, protocolFromHeaders, protocolFromMessage } from './protocols/detect.ts';
export { MalformedEventError, ProtocolDetectionError, ProviderError } from './protocols/errors.ts';
export { createOpenAIChatAdapter } from './protocols/openai-chat.ts';
export { createOpenAIResponsesAdapter } from './protocols/openai-responses.ts';
export type {
  ErrorPart,
  FinishPart,
  FinishReason,
  MetaPart,
  ReasoningDeltaPart,
  StepResetPart,
  StepStartPart,
  StreamPart,
  TextDeltaPart,
  ToolCallDeltaPart,
  ToolCallEndPart,
  ToolCallPart,
  ToolCallStartPart,
  ToolResultPart,
  Usage,
} from './protocols/parts.ts';
export { createTextAdapter } from './protocols/text.ts';

// Stream runs

export type { ConnectionWarmer, ConnectionWarmerOptions, WarmUpRequest } from './run/connection-warmer.ts';
export { createConnectionWarmer, WarmUpConfigError } from './run/connection-warmer.ts';
export type { StartStreamOptions } from './run/options.ts';
export type { ServerTimingEntry } from './run/server-timing.ts';
export { parseServerTiming } from './run/server-timing.ts';
export { startStream } from './run/start-stream.ts';
export { isRunning, isTerminal } from './run/status.ts';
export type {
  OutputKind,
  RetryInfo,
  StreamRun,
  StreamSnapshot,
  StreamStatus,
  StreamTiming,
  ToolCallTiming,
} from './run/types.ts';

// incremental JSON

export type { AllowFlags } from './json/allow.ts';
export { Allow } from './json/allow.ts';
export { PartialJSONSyntaxError, ToolCallValidationError } from './json/errors.ts';
export { parsePartialJSON } from './json/parse-partial-json.ts';
export { createPartialJSON } from './json/partial-json.ts';
export { pathKey } from './json/path-key.ts';
export type { ToolCallAssembler, ToolCallAssemblerOptions } from './json/tool-call-assembler.ts';
export { createToolCallAssembler } from './json/tool-call-assembler.ts';
export type { ToolCallSnapshot, ToolCallState } from './json/tool-call-types.ts';
export type { JSONPath, PartialJSON, PartialJSONOptions } from './json/types.ts';

// streaming Markdown: blocks parsed once, URLs judged safe

export type { MarkdownBlock, MarkdownSplitter } from './markdown/markdown-blocks.ts';
export { createMarkdownSplitter } from './markdown/markdown-blocks.ts';
export { safeUrl } from './markdown/safe-url.ts';

// Real-user metrics: the beacon payload, shared by reporters and collectors

export type { BeaconReporter, BeaconReporterOptions, BeaconSend, FlushReason } from './beacon/reporter.ts';
export { createBeaconReporter, defaultBeaconSend } from './beacon/reporter.ts';
export type {
  AnswerEvent,
  AnswerMetric,
  AnswerOutcome,
  BeaconBatch,
  BeaconBreach,
  BeaconEvent,
  BeaconLongFrameScript,
  BeaconStage,
  BeaconTags,
  PaintMethod,
  StageSource,
  StandardTag,
  TokenSource,
  VitalEvent,
  VitalName,
  VitalRating,
} from './beacon/schema.ts';
export {
  ANSWER_METRICS,
  BEACON_VERSION,
  MAX_BEACON_BYTES,
  MAX_EVENTS_PER_BEACON,
  STANDARD_TAGS,
  TAG_KEY_PATTERN,
  VITAL_NAMES,
} from './beacon/schema.ts';
export type { BeaconFieldError, BeaconValidation, RejectedBeaconEvent } from './beacon/validate.ts';
export { validateBeacon } from './beacon/validate.ts';

// Real-user metrics: an answer's figures, derived from its run
export type { AnswerEventOptions } from './metrics/answer-event.ts';
export { toAnswerEvent } from './metrics/answer-event.ts';
export type { AnswerMoments, DerivedAnswerMetrics, DeriveOptions } from './metrics/answer-metrics.ts';
export { deriveAnswerMetrics } from './metrics/answer-metrics.ts';
export type { LatencyBudgets } from './metrics/budgets.ts';
export { checkBudgets, DEFAULT_BUDGETS } from './metrics/budgets.ts';
export type { FirstPaint } from './metrics/first-paint.ts';
export { firstPaintOf, markTextCommitted, textBlockOf } from './metrics/first-paint.ts';
export { resourceTimed } from './metrics/network-stages.ts';
export type { CadenceMeter, CadenceSummary } from './metrics/render-cadence.ts';
export { startCadenceMeter, summarizeFrames } from './metrics/render-cadence.ts';
export type { VitalMetric, WebVitalsModule } from './metrics/web-vitals.ts';
export { noteStreaming, reportWebVitals, toVitalEvent } from './metrics/web-vitals.ts';
