import type { BeaconEvent, BeaconTags } from '@tokenpaint/core';

/**
 * How an event becomes the numbers the collector aggregates. A *series* is what
 * `/v1/stats?metric=` names:
 * - an answer's metrics by their own names (`ttfp_ms`, `tpot_ms`, …);
 * - its waterfall stages as `stage:<name>` (`stage:ttfb`, `stage:server:retrieval`), in ms;
 * - its budget breaches as `breach:<budget>`, the value that went over;
 * - web vitals by name (`INP`, `LCP`, `CLS`, `FCP`, `TTFB`).
 */
export function seriesOf(event: BeaconEvent): Array<[series: string, value: number]> {
  if (event.type === 'vital') return [[event.name, event.value]];
  const out: Array<[string, number]> = [];
  for (const name in event.metrics) {
    const value = event.metrics[name as keyof typeof event.metrics];
    if (value !== undefined) out.push([name, value]);
  }
  for (const stage of event.stages ?? []) out.push([prefixed('stage:', stage.name), stage.dur_ms]);
  for (const breach of event.breaches ?? []) out.push([prefixed('breach:', breach.budget), breach.value_ms]);
  return out;
}

// Series names built once and reused: the cells look each one up in a map for
// every value, and a string seen before has its hash cached. Bounded, since
// stage and budget names are a handful per app; past the bound, names are
// built each time.
const PREFIXED = new Map<string, string>();
function prefixed(prefix: string, name: string): string {
  const key = prefix + name;
  const known = PREFIXED.get(key);
  if (known !== undefined) return known;
  if (PREFIXED.size < 10_000) PREFIXED.set(key, key);
  return key;
}

/**
 * The tags an event is grouped and filtered by: its own, plus facts of the
 * event that queries need to split on. `outcome` (done, error, aborted) so
 * failures are not averaged into successes; `paint_method`, because
 * percentiles must never mix Element Timing with next-frame estimates;
 * `streaming` on INP, to tell interactions during an answer from the rest.
 * Event tags win over these where an app uses the same key.
 */
export function tagsOf(event: BeaconEvent): BeaconTags {
  const derived: Record<string, string> = {};
  if (event.type === 'answer') {
    derived.outcome = event.outcome;
    if (event.paint_method !== undefined) derived.paint_method = event.paint_method;
  } else if (event.name === 'INP') derived.streaming = event.streaming === true ? 'true' : 'false';
  return { ...derived, ...event.tags };
}

/** Tags as canonical JSON (keys sorted), the identity of a tag set. */
export function canonicalTags(tags: BeaconTags): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(tags).sort()) sorted[key] = tags[key] ?? '';
  return JSON.stringify(sorted);
}

/** The key under which an event is stored once. */
export function eventKey(event: BeaconEvent): string {
  return event.type === 'answer' ? `answer:${event.request_id}` : `vital:${event.id}`;
}
