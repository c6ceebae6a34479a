/**
 * The answer's tool waits: from a call's complete arguments to its result,
 * merged where parallel calls overlap, so two tools waited on together count
 * once, as the user waited once.
 */
import type { StreamTiming } from '../run/types.ts';

/** Disjoint `[from, to]` intervals (clock times), in order. Calls without a result in the stream add none. */
export function toolWaits(timing: StreamTiming): readonly (readonly [number, number])[] {
  const waits = (timing.toolCalls ?? [])
    .filter((call) => call.argsCompleteAt !== undefined && call.resultAt !== undefined)
    .map((call) => [call.argsCompleteAt as number, call.resultAt as number] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of waits) {
    const last = merged.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}
