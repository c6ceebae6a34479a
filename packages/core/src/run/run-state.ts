/**
 * The mutable side of a run: it applies parts and state changes in O(1) and marks the
 * snapshot dirty; the immutable {@link StreamSnapshot} is built only when read, so a
 * thousand parts between two frames cost one snapshot, and the same object is returned
 * until something changes (what `useSyncExternalStore` needs).
 */

import type { ToolCallSnapshot } from '../json/tool-call-types.ts';
import type { StreamProtocol } from '../protocols/adapter.ts';
import type { FinishReason, StreamPart, ToolCallPart, Usage } from '../protocols/parts.ts';
import type { Clock } from '../sse/clock.ts';
import type { ServerTimingEntry } from './server-timing.ts';
import { createToolMoments } from './tool-moments.ts';
import type { OutputKind, RetryInfo, StreamSnapshot, StreamStatus, StreamTiming } from './types.ts';

/** What the run needs from a tool-call assembler (`createToolCallAssembler` fits). */
export interface ToolCallTracker {
  push(part: ToolCallPart): void;
  /** The calls in start order; the same array until something changes. */
  readonly calls: readonly ToolCallSnapshot[];
  /** Forgets every call after the first `count`. */
  keepFirst(count: number): void;
}

/** Mutable run state plus its lazily built snapshot. */
export interface RunState {
  readonly status: StreamStatus;
  setStatus(status: StreamStatus): void;
  setProtocol(protocol: StreamProtocol): void;
  setRetry(retry: RetryInfo | undefined): void;
  /** The latest response's `Server-Timing` metrics. */
  setServerTiming(entries: readonly ServerTimingEntry[]): void;
  /** Counts a new request before any data (`retry`) or a reconnect with `Last-Event-ID` (`resume`). */
  countReconnect(kind: 'retry' | 'resume'): void;
  setError(error: Error): void;
  /** Applies one part: accumulates it and moves the status to `streaming` or `tool-running`. */
  apply(part: StreamPart): void;
  mark(moment: 'responseHeaders' | 'firstByte' | 'end'): void;
  /** Something outside `apply` changed (an async schema validation settled): rebuild on next read. */
  invalidate(): void;
  /** True once any text, reasoning or tool call arrived. */
  readonly hasContent: boolean;
  /** True once output of `kind` arrived. */
  has(kind: OutputKind): boolean;
  snapshot(): StreamSnapshot;
}

/** Creates the state of generation `generation` (1 for the first request), its request started now on `clock`. */
export function createRunState(
  clock: Clock,
  protocol: StreamProtocol,
  tools: ToolCallTracker,
  generation = 1,
  actionAt?: number,
): RunState {
  let status: StreamStatus = 'connecting';
  let text = '';
  let reasoning = '';
  let error: Error | undefined;
  let retry: RetryInfo | undefined;
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  let responseId: string | undefined;
  let model: string | undefined;
  let serverTiming: readonly ServerTimingEntry[] | undefined;
  /** Calls whose arguments or result are still awaited; drives `tool-running`. */
  const pendingTools = new Set<string>();
  /** A tool part arrived (read by `has` without building the call list). */
  let sawToolCall = false;
  /** Where the current step began: what a `step-reset` cuts the answer back to. */
  let step = { text: 0, reasoning: 0, tools: 0 };
  const requestStart = clock.now();
  let responseHeaders: number | undefined;
  let firstByte: number | undefined;
  let firstToken: number | undefined;
  let end: number | undefined;
  let retries = 0;
  let resumes = 0;
  const arrivals: number[] = [];
  const toolMoments = createToolMoments();
  let snapshot: StreamSnapshot | undefined;
  let timing: StreamTiming | undefined;

  const touch = (): void => {
    snapshot = undefined;
  };
  const touchTiming = (): void => {
    timing = undefined;
    snapshot = undefined;
  };

  /**
   * Any text, reasoning or tool part: the first one is the first token. `now` is
   * the arrival time a delta already read; tool parts leave the clock unread
   * until it is needed.
   */
  function contentArrived(now?: number): void {
    if (firstToken !== undefined) return;
    firstToken = now ?? clock.now();
    touchTiming();
  }

  function buildTiming(): StreamTiming {
    const tokenCount = arrivals.length;
    let copy: readonly number[] | undefined;
    const t: { -readonly [K in keyof StreamTiming]: StreamTiming[K] } = {
      ...(actionAt !== undefined && { actionAt }),
      requestStart,
      tokenCount,
      // Copied on first read, not when the snapshot is built: a UI that builds a
      // snapshot per token and never reads this (the React binding) would
      // otherwise copy every arrival time per token, O(tokens²) over an answer
      // (47M values for a 9,700-token answer). `arrivals` only ever grows, so
      // its first `tokenCount` entries are this snapshot's forever.
      get tokenArrivals() {
        copy ??= Object.freeze(arrivals.slice(0, tokenCount));
        return copy;
      },
    };
    const lastToken = arrivals[tokenCount - 1];
    if (lastToken !== undefined) t.lastToken = lastToken;
    if (responseHeaders !== undefined) t.responseHeaders = responseHeaders;
    if (firstByte !== undefined) t.firstByte = firstByte;
    if (firstToken !== undefined) t.firstToken = firstToken;
    if (end !== undefined) t.end = end;
    if (retries > 0) t.retries = retries;
    if (resumes > 0) t.resumes = resumes;
    const toolCalls = toolMoments.list();
    if (toolCalls.length > 0) t.toolCalls = toolCalls;
    return Object.freeze(t);
  }

  return {
    get status() {
      return status;
    },
    get hasContent() {
      return firstToken !== undefined;
    },
    has(kind) {
      if (kind === 'text') return text !== '';
      if (kind === 'reasoning') return reasoning !== '';
      return sawToolCall;
    },
    setStatus(next) {
      if (next === status) return;
      status = next;
      touch();
    },
    // Setters and marks that change nothing keep the snapshot: a resumed connection
    // re-marks its headers and first byte, and a new object there would re-render for nothing.
    setProtocol(next) {
      if (next === protocol) return;
      protocol = next;
      touch();
    },
    setRetry(next) {
      if (next === retry) return;
      retry = next;
      touch();
    },
    setError(next) {
      error = next;
      touch();
    },
    countReconnect(kind) {
      if (kind === 'retry') retries++;
      else resumes++;
      touchTiming();
    },
    setServerTiming(next) {
      if (next.length === 0 && serverTiming === undefined) return;
      serverTiming = next;
      touch();
    },
    invalidate: touch,
    mark(moment) {
      const now = clock.now();
      if (moment === 'responseHeaders') {
        if (responseHeaders !== undefined) return;
        responseHeaders = now;
      } else if (moment === 'firstByte') {
        if (firstByte !== undefined) return;
        firstByte = now;
      } else {
        if (end !== undefined) return;
        end = now;
      }
      touchTiming();
    },
    apply(part) {
      switch (part.type) {
        case 'text-delta':
        case 'reasoning-delta': {
          const now = clock.now();
          if (part.type === 'text-delta') text += part.delta;
          else reasoning += part.delta;
          arrivals.push(now);
          contentArrived(now);
          touchTiming();
          status = 'streaming';
          return;
        }
        case 'tool-call-start':
        case 'tool-call-delta':
        case 'tool-call-end':
        case 'tool-result':
          tools.push(part);
          sawToolCall = true;
          if (part.type === 'tool-call-start') pendingTools.add(part.id);
          if (part.type === 'tool-result') pendingTools.delete(part.id);
          contentArrived();
          status = part.type === 'tool-result' && pendingTools.size === 0 ? 'streaming' : 'tool-running';
          if (toolMoments.record(part, clock.now())) touchTiming();
          else touch();
          return;
        case 'finish':
          finishReason = part.reason;
          if (part.usage) usage = part.usage;
          touch();
          return;
        case 'step-start':
          step = { text: text.length, reasoning: reasoning.length, tools: tools.calls.length };
          return;
        case 'step-reset': {
          if (
            text.length === step.text &&
            reasoning.length === step.reasoning &&
            tools.calls.length === step.tools
          )
            return;
          text = text.slice(0, step.text);
          reasoning = reasoning.slice(0, step.reasoning);
          tools.keepFirst(step.tools);
          const kept = new Set(tools.calls.map((call) => call.id));
          for (const id of pendingTools) if (!kept.has(id)) pendingTools.delete(id);
          if (status === 'tool-running' && pendingTools.size === 0) status = 'streaming';
          touch();
          return;
        }
        case 'meta':
          // Adapters repeat the id and model in every chunk (OpenAI): a new snapshot only when one changes.
          if (part.key === 'id' && typeof part.value === 'string' && part.value !== responseId) {
            responseId = part.value;
            touch();
          } else if (part.key === 'model' && typeof part.value === 'string' && part.value !== model) {
            model = part.value;
            touch();
          }
          return;
        case 'error':
          // Errors end the run (handled by the loop).
          return;
      }
    },
    snapshot() {
      if (snapshot) return snapshot;
      timing ??= buildTiming();
      const s: { -readonly [K in keyof StreamSnapshot]: StreamSnapshot[K] } = {
        status,
        generation,
        protocol,
        text,
        reasoning,
        toolCalls: tools.calls,
        timing,
      };
      if (error) s.error = error;
      if (retry && status === 'retrying') s.retry = retry;
      if (finishReason) s.finishReason = finishReason;
      if (usage) s.usage = usage;
      if (responseId !== undefined) s.responseId = responseId;
      if (model !== undefined) s.model = model;
      if (serverTiming !== undefined) s.serverTiming = serverTiming;
      snapshot = Object.freeze(s);
      return snapshot;
    },
  };
}
