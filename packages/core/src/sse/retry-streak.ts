/**
 * The bookkeeping of one streak of failed connections: how many retries it
 * took, since when, and whether the next one fits the policy's budgets. A
 * streak ends when data arrives, so a long answer that drops twice an hour apart
 * gets two fresh streaks, not one budget for its whole life.
 */
import type { Clock } from './clock.ts';
import { RetryBudgetError } from './errors.ts';
import { backoffDelay, type ResolvedRetryPolicy } from './retry-policy.ts';

/** A failure the transport may retry (before the first byte) or resume (after). */
export interface Failure {
  readonly error: Error;
  readonly kind: 'retry' | 'resume';
  /** The server's own wait (`Retry-After`), which wins over backoff. */
  readonly waitMs?: number;
}

/** The next attempt of a streak. */
export interface PlannedAttempt {
  /** 1 for the first retry of the streak. */
  readonly attempt: number;
  readonly delayMs: number;
}

/** Counts one streak of failures against a retry policy. */
export interface RetryStreak {
  /** Data arrived: the streak is over. */
  progress(): void;
  /**
   * Plans the attempt after `failure`, waiting `Retry-After`, else the stream's
   * `retry:` hint for a resume, else backoff. Throws the failure's error when
   * retrying is off, a {@link RetryBudgetError} when a budget is spent.
   */
  next(failure: Failure, retryHintMs: number | undefined): PlannedAttempt;
}

/** Creates an empty streak; `replayable` is false for a streamed request body, which cannot be sent twice. */
export function createRetryStreak(
  policy: ResolvedRetryPolicy,
  clock: Clock,
  replayable: boolean,
): RetryStreak {
  let startedAt: number | undefined;
  let retries = 0;
  return {
    progress() {
      startedAt = undefined;
      retries = 0;
    },
    next(failure, retryHintMs) {
      const now = clock.now();
      startedAt ??= now;
      const elapsed = now - startedAt;
      if (!replayable || policy.maxRetries === 0) throw failure.error;
      if (retries >= policy.maxRetries)
        throw new RetryBudgetError(
          retries + 1,
          elapsed,
          failure.error,
          `${policy.maxRetries} retries allowed`,
        );
      retries++;
      const hint = failure.kind === 'resume' ? retryHintMs : undefined;
      const delayMs = failure.waitMs ?? hint ?? backoffDelay(policy, retries);
      if (elapsed + delayMs > policy.maxElapsedMs) {
        const why = `waiting ${Math.round(delayMs)} ms would exceed the ${policy.maxElapsedMs} ms budget`;
        throw new RetryBudgetError(retries, elapsed, failure.error, why);
      }
      return { attempt: retries, delayMs };
    },
  };
}
