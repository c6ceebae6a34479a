/**
 * The page's web vitals (INP, LCP, CLS, FCP, TTFB) from Google's `web-vitals`
 * attribution build, as beacon vital events in the same session as the
 * answers, INP tagged with whether an answer was streaming during the
 * interaction: the number that says whether streaming text makes a page
 * respond late.
 */
import type { BeaconReporter } from '../beacon/reporter.ts';
import { type BeaconTags, MAX_STRING_LENGTH, type VitalEvent, type VitalName } from '../beacon/schema.ts';

/** The part of a web-vitals metric a vital event needs. */
export interface VitalMetric {
  name: VitalName;
  id: string;
  value: number;
  rating: VitalEvent['rating'];
  attribution?: {
    interactionTime?: number;
    interactionTarget?: string;
    largestShiftTarget?: string;
    target?: string;
  };
}

type Subscribe = (callback: (metric: VitalMetric) => void) => void;

/** The functions of `web-vitals/attribution` used here (injectable for tests). */
export interface WebVitalsModule {
  onINP: Subscribe;
  onLCP: Subscribe;
  onCLS: Subscribe;
  onFCP: Subscribe;
  onTTFB: Subscribe;
}

// When answers streamed, on the performance.now() clock: bounded, oldest dropped.
const streaming: Array<{ start: number; end: number | undefined }> = [];
const MAX_INTERVALS = 200;

const now = (): number => globalThis.performance?.now() ?? Date.now();

/** Notes that an answer started streaming; call the returned function when it ends. */
export function noteStreaming(): () => void {
  const interval: { start: number; end: number | undefined } = { start: now(), end: undefined };
  streaming.push(interval);
  if (streaming.length > MAX_INTERVALS) streaming.shift();
  return () => {
    interval.end ??= now();
  };
}

/** Whether an answer was streaming at `time` (performance.now() clock). */
export function wasStreamingAt(time: number): boolean {
  return streaming.some(
    (interval) => interval.start <= time && (interval.end === undefined || time <= interval.end),
  );
}

/** A web-vitals metric as a beacon vital event. */
export function toVitalEvent(
  metric: VitalMetric,
  tags: BeaconTags = {},
  at: number = Date.now(),
): VitalEvent {
  const value =
    metric.name === 'CLS' ? Math.round(metric.value * 10_000) / 10_000 : Math.round(metric.value * 10) / 10;
  const event: VitalEvent = {
    type: 'vital',
    id: metric.id.slice(0, MAX_STRING_LENGTH),
    name: metric.name,
    value: Math.max(0, value),
    rating: metric.rating,
    at,
    tags,
  };
  const attribution = metric.attribution ?? {};
  if (metric.name === 'INP' && attribution.interactionTime !== undefined)
    event.streaming = wasStreamingAt(attribution.interactionTime);
  const target = attribution.interactionTarget ?? attribution.largestShiftTarget ?? attribution.target;
  if (target !== undefined && target !== '') event.target = target.slice(0, MAX_STRING_LENGTH);
  return event;
}

const started = new WeakSet<BeaconReporter>();

/**
 * Reports the page's web vitals to `reporter`, once per reporter (a second call
 * does nothing). `web-vitals` is loaded on demand, so an app that never calls
 * this pays nothing for it. Resolves when subscribed; never rejects.
 */
export async function reportWebVitals(
  reporter: BeaconReporter,
  options: { tags?: BeaconTags; load?: () => Promise<WebVitalsModule> } = {},
): Promise<void> {
  if (started.has(reporter) || typeof globalThis.document === 'undefined') return;
  started.add(reporter);
  try {
    const vitals =
      (await options.load?.()) ?? ((await import('web-vitals/attribution')) as unknown as WebVitalsModule);
    const report = (metric: VitalMetric): void => reporter.report(toVitalEvent(metric, options.tags));
    vitals.onINP(report);
    vitals.onLCP(report);
    vitals.onCLS(report);
    vitals.onFCP(report);
    vitals.onTTFB(report);
  } catch {
    // No vitals where the module cannot load: the answers are reported all the same.
  }
}
