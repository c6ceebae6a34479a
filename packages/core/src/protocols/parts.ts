/**
 * The normalized part model: every wire format (OpenAI Chat Completions and
 * Responses, Anthropic Messages, the Vercel AI SDK UI message stream, plain text)
 * is turned into this one small vocabulary by a protocol adapter, so everything
 * downstream (the run, the incremental JSON parser, the React layer, metrics)
 * is written once.
 */

/** Why the model stopped, normalized across providers. */
export type FinishReason =
  | 'stop'
  | 'length'
  | 'tool-calls'
  | 'content-filter'
  | 'error'
  /** The server stopped the generation before it finished (an AI SDK `abort` chunk): a UI can tell it from a normal end. */
  | 'aborted'
  | 'other';

/** Token usage as reported by the provider, when it reports it. */
export interface Usage {
  /** Every prompt token, cached ones included (Anthropic's `input_tokens` plus its cache reads and writes). */
  readonly inputTokens?: number;
  /**
   * Prompt tokens served from the provider's prompt cache (OpenAI `cached_tokens`,
   * Anthropic `cache_read_input_tokens`): cache hits are the largest lever on TTFT.
   */
  readonly cachedInputTokens?: number;
  readonly outputTokens?: number;
  readonly reasoningTokens?: number;
}

/** A piece of the visible answer. */
export interface TextDeltaPart {
  readonly type: 'text-delta';
  readonly delta: string;
}

/** A piece of the model's reasoning (thinking) text, shown apart from the answer. */
export interface ReasoningDeltaPart {
  readonly type: 'reasoning-delta';
  readonly delta: string;
}

/** A tool call begins. `id` is stable for the call's lifetime; parallel calls interleave by id. */
export interface ToolCallStartPart {
  readonly type: 'tool-call-start';
  readonly id: string;
  readonly name: string;
  /** The provider runs the tool itself (a built-in or server tool): its result comes in the stream. */
  readonly providerExecuted?: true;
}

/** More of a tool call's JSON arguments, as raw text. */
export interface ToolCallDeltaPart {
  readonly type: 'tool-call-delta';
  readonly id: string;
  readonly argsDelta: string;
}

/**
 * The provider says the tool call's arguments are complete. Only this event makes
 * arguments final: a prefix that happens to parse as complete JSON is not a
 * finished call (acting on truncated arguments is a known class of bug).
 */
export interface ToolCallEndPart {
  readonly type: 'tool-call-end';
  readonly id: string;
}

/** The result of a tool call, when the stream carries one (AI SDK streams do). */
export interface ToolResultPart {
  readonly type: 'tool-result';
  readonly id: string;
  readonly result: unknown;
  readonly isError?: boolean;
  /** The provider ran the tool (see {@link ToolCallStartPart.providerExecuted}). */
  readonly providerExecuted?: true;
}

/** The stream ended normally. */
export interface FinishPart {
  readonly type: 'finish';
  readonly reason: FinishReason;
  readonly usage?: Usage;
}

/** The provider reported an error inside the stream (after a 200). */
export interface ErrorPart {
  readonly type: 'error';
  readonly message: string;
  readonly code?: string;
}

/**
 * A step of a multi-step answer begins (AI SDK `start-step`: one model call of
 * an agent loop). Only a {@link StepResetPart} gives it a meaning.
 */
export interface StepStartPart {
  readonly type: 'step-start';
}

/**
 * Everything the current step added is discarded: its text, reasoning and the
 * tool calls it began (AI SDK `reset-step`, sent when a server retries a step).
 * Without a step start, the whole answer so far is the step.
 */
export interface StepResetPart {
  readonly type: 'step-reset';
}

/** Whatever a format carries that the others don't (message id, model, response id, …). */
export interface MetaPart {
  readonly type: 'meta';
  readonly key: string;
  readonly value: unknown;
}

/** One normalized unit of a streamed LLM response. */
export type StreamPart =
  | TextDeltaPart
  | ReasoningDeltaPart
  | ToolCallStartPart
  | ToolCallDeltaPart
  | ToolCallEndPart
  | ToolResultPart
  | FinishPart
  | StepStartPart
  | StepResetPart
  | ErrorPart
  | MetaPart;

/** The tool-call subset of {@link StreamPart}, what a tool-call assembler consumes. */
export type ToolCallPart = ToolCallStartPart | ToolCallDeltaPart | ToolCallEndPart | ToolResultPart;
