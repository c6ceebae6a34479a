import { type BeaconEvent, STANDARD_TAGS } from '@tokenpaint/core';

/**
 * The `/metrics` exposition: one Prometheus histogram per metric, counted since
 * this process started, so any number of stateless collectors behind a load
 * balancer sum into one Prometheus (`sum by (le, model) (rate(…[5m]))`).
 *
 * Labels are the six standard tags only (model, prompt_version, feature,
 * protocol, device_type, network_type): an app's own tags may be per-user and
 * would multiply the series Prometheus keeps without bound. Durations are
 * exported in seconds, as Prometheus names them (`ttfp_ms` → `tokenpaint_ttfp_seconds`).
 */

/** Upper bounds in seconds: 5 ms to 60 s, dense where first-token latency lives. */
export const SECONDS_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 30, 60,
];
/** Upper bounds for counts and rates (tokens, frames, tokens per second). */
export const COUNT_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 50_000];
/** Upper bounds for frames per second. */
export const FPS_BUCKETS = [5, 10, 15, 20, 24, 30, 40, 50, 55, 58, 60, 90, 120, 144];
/** Upper bounds for CLS (unitless; 0.1 and 0.25 are web-vitals' thresholds). */
const CLS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1];

const LABELS = STANDARD_TAGS;

interface Histogram {
  name: string;
  help: string;
  factor: number;
  bounds: readonly number[];
  // label values joined by \u0000 → counts per bound (not yet cumulative), plus sum and count
  series: Map<string, { counts: number[]; sum: number; count: number }>;
}

interface Counter {
  help: string;
  label: string;
  values: Map<string, number>;
}

/** Prometheus name, unit factor and buckets of a beacon series. */
function describe(
  event: BeaconEvent,
  series: string,
): { name: string; factor: number; bounds: readonly number[] } {
  if (event.type === 'vital') {
    const lower = series.toLowerCase();
    if (series === 'CLS') return { name: 'tokenpaint_web_vital_cls', factor: 1, bounds: CLS_BUCKETS };
    return { name: `tokenpaint_web_vital_${lower}_seconds`, factor: 1 / 1000, bounds: SECONDS_BUCKETS };
  }
  if (series.endsWith('_ms'))
    return { name: `tokenpaint_${series.slice(0, -3)}_seconds`, factor: 1 / 1000, bounds: SECONDS_BUCKETS };
  if (series === 'fps') return { name: 'tokenpaint_fps', factor: 1, bounds: FPS_BUCKETS };
  return { name: `tokenpaint_${series}`, factor: 1, bounds: COUNT_BUCKETS };
}

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The histograms and counters one collector process exposes. */
export class PrometheusRegistry {
  // Keyed by series (`vital:<name>` for vitals): one lookup per value stored.
  readonly #histograms = new Map<string, Histogram>();
  readonly #counters = new Map<string, Counter>();

  /** Counts one stored event into its histograms. */
  observe(event: BeaconEvent): void {
    let labels = event.tags[LABELS[0]] ?? '';
    for (let i = 1; i < LABELS.length; i++) labels += `\u0000${event.tags[LABELS[i] as string] ?? ''}`;
    if (event.type === 'vital') this.#observe(event, event.name, event.value, labels);
    else {
      for (const series in event.metrics) {
        const value = event.metrics[series as keyof typeof event.metrics];
        if (value !== undefined) this.#observe(event, series, value, labels);
      }
      this.count('tokenpaint_answers_total', 'Answers stored, by outcome.', 'outcome', event.outcome);
      for (const breach of event.breaches ?? [])
        this.count(
          'tokenpaint_budget_breaches_total',
          'Answers over a latency budget, by budget.',
          'budget',
          breach.budget,
        );
    }
  }

  /** Adds to a counter with one low-cardinality label. */
  count(name: string, help: string, label: string, value: string, by = 1): void {
    let counter = this.#counters.get(name);
    if (counter === undefined) {
      counter = { help, label, values: new Map() };
      this.#counters.set(name, counter);
    }
    counter.values.set(value, (counter.values.get(value) ?? 0) + by);
  }

  #observe(event: BeaconEvent, series: string, raw: number, labels: string): void {
    const key = event.type === 'vital' ? `vital:${series}` : series;
    let histogram = this.#histograms.get(key);
    if (histogram === undefined) {
      histogram = {
        ...describe(event, series),
        help: `tokenpaint beacon metric ${series}.`,
        series: new Map(),
      };
      this.#histograms.set(key, histogram);
    }
    let state = histogram.series.get(labels);
    if (state === undefined) {
      state = { counts: new Array<number>(histogram.bounds.length).fill(0), sum: 0, count: 0 };
      histogram.series.set(labels, state);
    }
    const value = raw * histogram.factor;
    const { bounds } = histogram;
    const { counts } = state;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] ?? 0)) i++;
    if (i < bounds.length) counts[i] = (counts[i] ?? 0) + 1;
    state.sum += value;
    state.count++;
  }

  /** The text exposition format, version 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const [name, counter] of this.#counters) {
      lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`);
      for (const [value, n] of counter.values)
        lines.push(`${name}{${counter.label}="${escapeLabel(value)}"} ${n}`);
    }
    for (const histogram of this.#histograms.values()) {
      lines.push(`# HELP ${histogram.name} ${histogram.help}`, `# TYPE ${histogram.name} histogram`);
      for (const [key, state] of histogram.series) {
        const values = key.split('\u0000');
        const labels = LABELS.map((label, i) => `${label}="${escapeLabel(values[i] ?? '')}"`).join(',');
        let cumulative = 0;
        histogram.bounds.forEach((bound, i) => {
          cumulative += state.counts[i] ?? 0;
          lines.push(`${histogram.name}_bucket{${labels},le="${bound}"} ${cumulative}`);
        });
        lines.push(`${histogram.name}_bucket{${labels},le="+Inf"} ${state.count}`);
        lines.push(
          `${histogram.name}_sum{${labels}} ${state.sum}`,
          `${histogram.name}_count{${labels}} ${state.count}`,
        );
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
