/**
 * The public shape of a stream run: what `startStream` returns and what the React
 * layer subscribes to. Kept in its own file so the run, the tool-call assembler
 * and the React binding agree on one contract.
 */
import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { StreamProtocol } from '../protocols/adapter.ts';
import type { FinishReason, Usage } from '../protocols/parts.ts';
import type { ServerTimingEntry } from './server-timing.ts';

/**
 * Where a run is. `waiting` means connected (headers received) but no token yet,
 * the moment a skeleton matters most; `stalled` means no byte for
 * `stallTimeoutMs` while the connection is still open.
 */
export type StreamStatus =
  | 'connecting'
  | 'waiting'
  | 'streaming'
  | 'tool-running'
  | 'stalled'
  | 'retrying'
  | 'done'
  | 'error'
  | 'aborted';

/**
 * Timestamps (from the run's injected clock, `performance.now()` in browsers) that
 * the metrics layer turns into TTFT, time per token and the like. Times are absent
 * until the moment happens.
 */
export interface StreamTiming {
  /** The user's action that started the run, where the app passed `actionAt`. */
  readonly actionAt?: number;
  readonly requestStart: number;
  readonly responseHeaders?: number;
  readonly firstByte?: number;
  readonly firstToken?: number;
  /** Arrival time of every text or reasoning delta, in order (copied on first read, so free when unread). */
  readonly tokenArrivals: readonly number[];
  /** How many text or reasoning deltas have arrived: `tokenArrivals.length` without the copy. */
  readonly tokenCount: number;
  /** Arrival time of the latest text or reasoning delta. */
  readonly lastToken?: number;
  readonly end?: number;
  /** Requests sent again before any data (429, 5xx, a failed connection), where there were any. */
  readonly retries?: number;
  /** Reconnects with `Last-Event-ID` after a dropped stream, where there were any. */
  readonly resumes?: number;
  /** Every tool call the stream began, in start order, where there were any. */
  readonly toolCalls?: readonly ToolCallTiming[];
}

/** When one tool call began, when its arguments were complete, and when its result came (clock times). */
export interface ToolCallTiming {
  readonly id: string;
  readonly name: string;
  readonly startedAt: number;
  /** The provider's end of the arguments (or a result, which makes them final). */
  readonly argsCompleteAt?: number;
  /** Its result arrived in the stream (AI SDK server tools, provider-run tools). */
  readonly resultAt?: number;
}

/** Retry progress, present while `status` is `retrying`. */
export interface RetryInfo {
  /** 1 for the first retry. */
  readonly attempt: number;
  /** Clock time at which the next attempt starts (for a countdown). */
  readonly nextAttemptAt: number;
  /** Why the previous attempt failed. */
  readonly reason: string;
}

/** An immutable picture of a run. A new object only when something changed. */
export interface StreamSnapshot {
  readonly status: StreamStatus;
  /**
   * Which request this snapshot belongs to: 1 for the first, one more for each
   * `retry()` (0 before anything was requested). A reader that keeps state per
   * answer (a pacer, an announcer) starts over when it changes, rather than
   * guessing from text that shrank.
   */
  readonly generation: number;
  /** The protocol in use (resolved from `auto` once detected). */
  readonly protocol: StreamProtocol;
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: readonly ToolCallSnapshot[];
  /** Set in `error` status; text received before the error is kept in `text`. */
  readonly error?: Error;
  readonly retry?: RetryInfo;
  readonly finishReason?: FinishReason;
  readonly usage?: Usage;
  /** The provider's id of this response (`chatcmpl-…`, `msg_…`, `resp_…`), once the stream said it. */
  readonly responseId?: string;
  /** The model that answers, as the provider names it, once the stream said it. */
  readonly model?: string;
  /** The response's `Server-Timing` metrics (`retrieval;dur=200`), where the server sent them. */
  readonly serverTiming?: readonly ServerTimingEntry[];
  readonly timing: StreamTiming;
}

/** The kinds of output a run can have, for {@link StreamRun.has}. */
export type OutputKind = 'text' | 'reasoning' | 'tool-calls';

/** A running (or finished) stream. Subscribe, read snapshots, abort or retry. */
export interface StreamRun {
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot; the same object until something changes (safe for `useSyncExternalStore`). */
  getSnapshot(): StreamSnapshot;
  /**
   * The current status, read without building a snapshot: a frame-paced reader
   * checks it on every change and builds at most one snapshot per frame.
   */
  readonly status: StreamStatus;
  /** Whether any output of `kind` arrived in this generation, read without building a snapshot. */
  has(kind: OutputKind): boolean;
  /** Stops the run; keeps what was received; never re-sends. */
  abort(reason?: unknown): void;
  /** From a terminal state (`error`, `aborted`, `done`): starts the request again as a new generation. */
  retry(): void;
  /** Settles with the final snapshot when the run reaches `done`, `error` or `aborted` (never rejects). */
  readonly done: Promise<StreamSnapshot>;
}
