/**
 * When and how long to wait before trying again. Only failures that happen before
 * the server started answering (connection refused, 408/429/502/503/504) are retried
 * with a fresh request; mid-answer drops are resumed with Last-Event-ID instead,
 * never re-sent, so the user is never billed for a second generation.
 */

/** Retry settings; every field is optional. Pass `retry: false` to disable retries and resumes. */
export interface RetryPolicy {
  /** Retries after the first attempt, per failure streak (resets once data flows again). Default 3. */
  readonly maxRetries?: number;
  /** Wall-clock budget for one failure streak, in ms; a wait that would exceed it fails fast. Default 30 000. */
  readonly maxElapsedMs?: number;
  /** First backoff ceiling, in ms; doubles per attempt (full jitter picks uniformly below it). Default 500. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling, in ms. Default 8 000. */
  readonly maxDelayMs?: number;
  /**
   * HTTP statuses retried before the first byte. Default 408, 429, 502, 503, 504
   * and 529 (Anthropic's `overloaded_error`).
   */
  readonly retryStatuses?: readonly number[];
  /** Resume a dropped stream with `Last-Event-ID` when its events carried ids. Default true. */
  readonly resume?: boolean;
  /** Uniform random source in [0, 1), injectable for deterministic tests. Default `Math.random`. */
  readonly random?: () => number;
}

/** A policy with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

const DEFAULTS: ResolvedRetryPolicy = {
  maxRetries: 3,
  maxElapsedMs: 30_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  retryStatuses: [408, 429, 502, 503, 504, 529],
  resume: true,
  random: Math.random,
};

const DISABLED: ResolvedRetryPolicy = { ...DEFAULTS, maxRetries: 0, resume: false };

/** Fills in defaults; `false` yields a policy that never retries nor resumes. */
export function resolveRetryPolicy(policy: RetryPolicy | false | undefined): ResolvedRetryPolicy {
  if (policy === false) return DISABLED;
  // A field given as `undefined` (plain JavaScript, or TypeScript without
  // exactOptionalPropertyTypes) means "not set": it keeps its default.
  const given = Object.entries(policy ?? {}).filter(([, value]) => value !== undefined);
  return { ...DEFAULTS, ...Object.fromEntries(given) };
}

/**
 * Exponential backoff with full jitter (a uniform pick in [0, ceiling)): spreads
 * clients that failed together so they don't retry together.
 * @param attempt 1 for the first retry.
 */
export function backoffDelay(policy: ResolvedRetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Parses `Retry-After` (delay-seconds or an HTTP date) into milliseconds.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null, nowEpochMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name. Anything else ("1.5", "-1") is not a
  // Retry-After value: without this, Date.parse's leniency reads it as a past date,
  // a zero wait, and every retry would hit a rate-limited server at once.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowEpochMs);
}
