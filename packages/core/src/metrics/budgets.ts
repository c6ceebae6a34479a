/**
 * Latency budgets: the figure an answer should stay under, per metric and per
 * stage. An answer over one carries the breach in its beacon (the collector
 * counts them per budget) and the app hears of it.
 */
import type { BeaconBreach, BeaconStage } from '../beacon/schema.ts';

/**
 * Budgets by name: a metric (`ttft_ms`, `e2e_ms`, `paint_lag_ms`, `tpot_ms`,
 * `longest_frame_ms`, or any other `_ms` metric) or a stage (`server:retrieval`,
 * `first-token`), in ms. `undefined` turns a default off.
 */
export type LatencyBudgets = Readonly<Record<string, number | undefined>>;

/**
 * Defaults from common practice for interactive AI answers: the first token
 * within 3 s, the whole answer within 8 s, text on screen within a frame of
 * its arrival, 50 ms per output token (20 tokens/s, about reading speed), no
 * frame longer than 50 ms (the long-task threshold); and, for a backend that
 * declares them in `Server-Timing`, retrieval 400 ms, the model 1.5 s, tools
 * 800 ms, everything else 300 ms.
 */
export const DEFAULT_BUDGETS: LatencyBudgets = {
  ttft_ms: 3_000,
  e2e_ms: 8_000,
  paint_lag_ms: 16,
  tpot_ms: 50,
  longest_frame_ms: 50,
  'server:retrieval': 400,
  'server:model': 1_500,
  'server:tools': 800,
  'server:overhead': 300,
};

/** The budgets an answer went over: metrics by name, stages by name (the longest instance). */
export function checkBudgets(
  metrics: Readonly<Record<string, number | undefined>>,
  stages: readonly BeaconStage[],
  budgets: LatencyBudgets = DEFAULT_BUDGETS,
): BeaconBreach[] {
  const breaches: BeaconBreach[] = [];
  const stageDurations = new Map<string, number>();
  for (const stage of stages)
    stageDurations.set(stage.name, Math.max(stageDurations.get(stage.name) ?? 0, stage.dur_ms));
  for (const [budget, limit] of Object.entries(budgets)) {
    if (limit === undefined || !Number.isFinite(limit)) continue;
    const value = metrics[budget] ?? stageDurations.get(budget);
    if (value !== undefined && value > limit) breaches.push({ budget, value_ms: value, budget_ms: limit });
  }
  return breaches;
}
