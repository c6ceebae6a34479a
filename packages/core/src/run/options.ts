/** Options of `startStream`. */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { StreamProtocol } from '../protocols/adapter.ts';
import type { Clock } from '../sse/clock.ts';
import type { RetryPolicy } from '../sse/retry-policy.ts';

/** What to request and how to treat the network. Only `url` is required. */
export interface StartStreamOptions {
  readonly url: string | URL;
  /**
   * The request body. A plain object or array is sent as JSON (with
   * `content-type: application/json`); a string or other `BodyInit` is sent as is.
   */
  readonly body?: unknown;
  readonly headers?: HeadersInit;
  /** Default `POST`. */
  readonly method?: string;
  /** The wire format; `auto` (default) detects it from the headers and the first event. */
  readonly protocol?: StreamProtocol;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Aborting it aborts the run (same as `run.abort()`). */
  readonly signal?: AbortSignal;
  /** Retry and resume policy; `false` disables both. */
  readonly retry?: RetryPolicy | false;
  /** No byte for this long (ms) → `stalled`. Default 10 000. */
  readonly stallTimeoutMs?: number;
  /** No byte for this long (ms) → the connection is given up (resumed if possible, else `StallError`). Default 3 × `stallTimeoutMs`. */
  readonly stallAbandonMs?: number;
  /** Time and timers (default `performance.now()` and the global timers); inject a fake in tests. */
  readonly clock?: Clock;
  /**
   * When the user acted (the click's or key's `event.timeStamp`, on the run's
   * clock): the user's stopwatch starts there, so TTFT, TTFP and end-to-end are
   * also reported from it (`timing.actionAt`; the first request only).
   */
  readonly actionAt?: number;
  /**
   * Schemas by tool name (any Standard Schema implementation, e.g. zod 4): complete
   * tool-call arguments are validated and a failure is set as the call's `error`.
   */
  readonly toolSchemas?: Readonly<Record<string, StandardSchemaV1>>;
  /** Extra `RequestInit` fields (`credentials`, `mode`, `cache`, …). */
  readonly requestInit?: Omit<RequestInit, 'body' | 'headers' | 'method' | 'signal'>;
}
