/**
 * The console warning a developer sees the first time an answer is over its
 * latency budget: once per page, in development builds only (a production
 * bundle replaces `process.env.NODE_ENV` and drops it), so a slow local model
 * is noticed without flooding the console.
 */
import type { BeaconBreach } from './schema.ts';

// Bundlers replace this exact expression; where nothing defines `process` (a
// browser loading the source unbundled) the warning stays off.
declare const process: { env: { NODE_ENV?: string } };

function inDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

let warned = false;

/** Warns about `breaches` unless a warning was already given on this page, or this is a production build. */
export function warnBudgetBreachOnce(breaches: readonly BeaconBreach[]): void {
  if (warned || breaches.length === 0 || !inDevelopment()) return;
  warned = true;
  const list = breaches.map((b) => `${b.budget} ${b.value_ms} ms (budget ${b.budget_ms} ms)`).join(', ');
  console.warn(
    `tokenpaint: an answer went over its latency budget: ${list}. Shown once per page in development; ` +
      'handle breaches with onBudgetExceeded, or set budgets on <TokenpaintProvider>.',
  );
}

/** Test-only: forget that a warning was given. */
export function resetBudgetWarningForTests(): void {
  warned = false;
}
