import { describe, expect, it } from 'vitest';
import { RetryBudgetError } from './errors.ts';
import { resolveRetryPolicy } from './retry-policy.ts';
import { createRetryStreak } from './retry-streak.ts';
import { createManualClock } from './test-fetch.ts';

const failure = (kind: 'retry' | 'resume' = 'retry', waitMs?: number) => ({
  error: new Error('503'),
  kind,
  ...(waitMs === undefined ? {} : { waitMs }),
});

describe('createRetryStreak', () => {
  it('numbers the attempts of a streak and starts over when data arrives', () => {
    const streak = createRetryStreak(resolveRetryPolicy({ maxRetries: 2 }), createManualClock(), true);
    expect(streak.next(failure(), undefined).attempt).toBe(1);
    expect(streak.next(failure(), undefined).attempt).toBe(2);
    expect(() => streak.next(failure(), undefined)).toThrow(RetryBudgetError);
    streak.progress();
    expect(streak.next(failure(), undefined).attempt).toBe(1);
  });

  it("waits the server's Retry-After first, then a resume's retry: hint, then backoff", () => {
    const policy = resolveRetryPolicy({ maxRetries: 5 });
    const streak = createRetryStreak(policy, createManualClock(), true);
    expect(streak.next(failure('retry', 4000), 700).delayMs).toBe(4000);
    expect(streak.next(failure('resume'), 700).delayMs).toBe(700);
    const backoff = streak.next(failure('retry'), 700).delayMs; // a hint is for resumes only
    expect(backoff).not.toBe(700);
    expect(backoff).toBeLessThanOrEqual(policy.maxDelayMs);
  });

  it('refuses a wait that would pass the elapsed budget, and every retry of a body sent once', async () => {
    const clock = createManualClock();
    const streak = createRetryStreak(resolveRetryPolicy({ maxRetries: 9, maxElapsedMs: 5000 }), clock, true);
    streak.next(failure(), undefined);
    await clock.advance(4000);
    expect(() => streak.next(failure('retry', 2000), undefined)).toThrow(/exceed the 5000 ms budget/);
    const once = createRetryStreak(resolveRetryPolicy({}), createManualClock(), false);
    expect(() => once.next(failure(), undefined)).toThrow('503');
  });
});
