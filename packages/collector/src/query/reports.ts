import { CollectorQueryError } from '../errors.ts';
import { RELATIVE_ACCURACY, type Sketch } from '../sketch.ts';
import type { BeaconStore } from '../store/sqlite-store.ts';
import { groupsInWindow, groupsOverTime } from './aggregate.ts';
import { parseDuration, parseMetric, parseWindow } from './params.ts';

/** Bounds of the histogram buckets in responses: 1-2-5 steps from 0.01 to 1,000,000, then +Inf. */
export const HISTOGRAM_BOUNDS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let decade = -2; decade <= 5; decade++)
    for (const step of [1, 2, 5]) bounds.push(Number((step * 10 ** decade).toPrecision(1)));
  bounds.push(1_000_000, Number.POSITIVE_INFINITY);
  return bounds;
})();

const MAX_POINTS = 1_500;
// The stages of the waterfall in the order they happen; server stages follow.
const STAGE_ORDER = ['dns', 'connect', 'tls', 'request', 'ttfb', 'first-token', 'tools', 'paint'];

/** Percentiles are rounded to 0.01: a 1 % sketch has no more digits to give. */
const round = (value: number): number | null =>
  Number.isFinite(value) ? Math.round(value * 100) / 100 : null;

/** count, mean, min, p50, p75, p95, p99, max of a sketch. */
export function summary(sketch: Sketch) {
  return {
    count: sketch.count,
    mean: round(sketch.sum / sketch.count),
    min: round(sketch.min),
    p50: round(sketch.quantile(0.5)),
    p75: round(sketch.quantile(0.75)),
    p95: round(sketch.quantile(0.95)),
    p99: round(sketch.quantile(0.99)),
    max: round(sketch.max),
  };
}

/** Histogram buckets with empty leading and trailing ones left out; `le: null` is +Inf. */
function histogram(sketch: Sketch): Array<{ le: number | null; count: number }> {
  const counts = sketch.histogram(HISTOGRAM_BOUNDS);
  const first = counts.findIndex((n) => n > 0);
  const last = counts.findLastIndex((n) => n > 0);
  const out: Array<{ le: number | null; count: number }> = [];
  for (let i = first; i >= 0 && i <= last; i++) {
    const bound = HISTOGRAM_BOUNDS[i] ?? Number.POSITIVE_INFINITY;
    out.push({ le: Number.isFinite(bound) ? bound : null, count: counts[i] ?? 0 });
  }
  return out;
}

/** `GET /v1/stats`: percentiles and a histogram of one metric per group. */
export function statsReport(store: BeaconStore, params: URLSearchParams, now: number) {
  const metric = parseMetric(params);
  const query = parseWindow(params, now);
  return {
    metric,
    from: query.from,
    to: query.to,
    group_by: query.groupBy,
    relative_accuracy: RELATIVE_ACCURACY,
    groups: groupsInWindow(store, metric, query).map((group) => ({
      tags: group.tags,
      ...summary(group.sketch),
      histogram: histogram(group.sketch),
    })),
  };
}

/** `GET /v1/series`: percentiles per time step and group. `step` defaults to about 60 points. */
export function seriesReport(store: BeaconStore, params: URLSearchParams, now: number) {
  const metric = parseMetric(params);
  const query = parseWindow(params, now);
  const span = query.to - query.from;
  const raw = params.get('step');
  const stepMs = raw === null ? defaultStep(span) : parseDuration('step', raw);
  if (stepMs < 60_000 || stepMs % 60_000 !== 0)
    throw new CollectorQueryError(
      'step',
      'must be whole minutes (1m, 5m, 1h, 1d), the finest resolution stored',
    );
  if (span / stepMs > MAX_POINTS)
    throw new CollectorQueryError(
      'step',
      `gives more than ${MAX_POINTS} points over this window; choose a longer step`,
    );
  return {
    metric,
    from: query.from,
    to: query.to,
    step_ms: stepMs,
    group_by: query.groupBy,
    relative_accuracy: RELATIVE_ACCURACY,
    groups: groupsOverTime(store, metric, query, stepMs).map((group) => ({
      tags: group.tags,
      points: [...group.steps.entries()]
        .filter(([t]) => t + stepMs > query.from && t < query.to)
        .sort(([a], [b]) => a - b)
        .map(([t, sketch]) => ({ t, ...summary(sketch) })),
    })),
  };
}

function defaultStep(span: number): number {
  const candidates = [1, 5, 15, 60, 180, 360, 720, 1440].map((minutes) => minutes * 60_000);
  return candidates.find((step) => span / step <= 60) ?? 1440 * 60_000;
}

/** `GET /v1/stages`: the waterfall, median and p95 of every stage, in the order stages happen. */
export function stagesReport(store: BeaconStore, params: URLSearchParams, now: number) {
  const query = parseWindow(params, now);
  const names = store
    .seriesNames()
    .filter((series) => series.startsWith('stage:'))
    .map((series) => series.slice('stage:'.length));
  const rank = (name: string): number => {
    const i = STAGE_ORDER.indexOf(name);
    return i === -1 ? STAGE_ORDER.length : i;
  };
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const stages = [];
  for (const name of names) {
    for (const group of groupsInWindow(store, `stage:${name}`, query))
      stages.push({ stage: name, tags: group.tags, ...summary(group.sketch) });
  }
  return { from: query.from, to: query.to, group_by: query.groupBy, stages };
}

/** `GET /v1/breaches`: how many answers went over each budget, and by how much (the values). */
export function breachesReport(store: BeaconStore, params: URLSearchParams, now: number) {
  const query = parseWindow(params, now);
  const budgets = [];
  for (const series of store.seriesNames()) {
    if (!series.startsWith('breach:')) continue;
    for (const group of groupsInWindow(store, series, query))
      budgets.push({ budget: series.slice('breach:'.length), tags: group.tags, ...summary(group.sketch) });
  }
  budgets.sort((a, b) => b.count - a.count);
  return { from: query.from, to: query.to, group_by: query.groupBy, budgets };
}

/** `GET /v1/catalog`: the metrics stored and the values of each tag (up to 200 each), for filters. */
export function catalogReport(store: BeaconStore) {
  const tags: Record<string, string[]> = {};
  for (const tagset of store.tagsets().values()) {
    for (const [key, value] of Object.entries(tagset)) {
      const values = tags[key] ?? [];
      tags[key] = values;
      if (values.length < 200 && !values.includes(value)) values.push(value);
    }
  }
  for (const values of Object.values(tags)) values.sort();
  return { metrics: store.seriesNames(), tags };
}
