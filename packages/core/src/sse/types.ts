/** Shapes shared by the SSE layer and its consumers. */
import type { Clock } from './clock.ts';
import type { RetryPolicy } from './retry-policy.ts';

/**
 * One Server-Sent Event.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage
 */
export interface SSEMessage {
  /** The `event:` field, `message` when absent (as in the browser's EventSource). */
  readonly event: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last event ID in effect: it persists across events until an `id:` field changes it (absent while empty). */
  readonly id?: string;
  /** The reconnection time in ms the server last set with a `retry:` field, if it ever did. */
  readonly retry?: number;
}

/** Options of {@link streamSSE}: a `RequestInit` plus transport behaviour. */
export interface StreamSSEInit extends Omit<RequestInit, 'signal'> {
  /** The `fetch` to use (inject a mock or an instrumented one). Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Aborting ends the stream, releases the reader and timers, and never re-sends. */
  readonly signal?: AbortSignal;
  /** Sent as `Last-Event-ID` on the first request, to continue a stream seen earlier. */
  readonly lastEventId?: string;
  /** Retry and resume policy; `false` disables both. */
  readonly retry?: RetryPolicy | false;
  /** No byte for this long (ms) → `stalled`. Default 10 000. */
  readonly stallTimeoutMs?: number;
  /** No byte for this long (ms) → the connection is given up (resumed if possible, else `StallError`). Default 3 × `stallTimeoutMs`. */
  readonly stallAbandonMs?: number;
  /** Time and timers. Default {@link systemClock}. */
  readonly clock?: Clock;
  /**
   * Tells a normal end from a drop when the body closes: return true once the protocol's
   * terminal event was seen. Without it every clean end of body counts as complete.
   */
  readonly isComplete?: () => boolean;
  /**
   * Observes the transport's states (`open`, `first-byte`, `stalled`, `unstalled`,
   * `retrying`) as they happen, e.g. to show a stalled or retrying indicator.
   */
  readonly onTransportEvent?: (event: Exclude<TransportEvent, { type: 'messages' }>) => void;
}

/** What the transport reports, in order, while it runs: data plus the states around it. */
export type TransportEvent =
  | {
      readonly type: 'open';
      readonly response: Response;
      readonly format: 'sse' | 'text';
      readonly resumed: boolean;
    }
  | { readonly type: 'first-byte' }
  /** The messages parsed from one read of the body, in order. */
  | { readonly type: 'messages'; readonly messages: readonly SSEMessage[] }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'stalled'; readonly silentForMs: number }
  | { readonly type: 'unstalled' }
  | {
      readonly type: 'retrying';
      /** 1 for the first retry of the current failure streak. */
      readonly attempt: number;
      readonly delayMs: number;
      /** `retry`: a fresh request before any data; `resume`: a reconnect with `Last-Event-ID`. */
      readonly kind: 'retry' | 'resume';
      readonly error: Error;
    };
