/**
 * The waterfall's network and server stages: Resource Timing's phases of the
 * request, and the backend's own `Server-Timing` metrics.
 */
import type { BeaconStage } from '../beacon/schema.ts';
import type { StreamSnapshot } from '../run/types.ts';

const ms = (value: number): number => Math.max(0, Math.round(value * 10) / 10);

type ResourceEntry = Pick<
  PerformanceResourceTiming,
  | 'initiatorType'
  | 'startTime'
  | 'domainLookupStart'
  | 'domainLookupEnd'
  | 'connectStart'
  | 'connectEnd'
  | 'secureConnectionStart'
  | 'requestStart'
  | 'responseStart'
>;

/**
 * The fetch the run made, found in Resource Timing by its start (within 50 ms
 * after the run's request start, the closest): a streamed response's entry
 * appears when its body ends, so this is read once the run has ended.
 */
function entryOf(requestStart: number): ResourceEntry | undefined {
  const perf = globalThis.performance;
  if (typeof perf?.getEntriesByType !== 'function') return undefined;
  let best: ResourceEntry | undefined;
  for (const entry of perf.getEntriesByType('resource') as ResourceEntry[]) {
    if (entry.initiatorType !== 'fetch') continue;
    const offset = entry.startTime - requestStart;
    if (offset < -1 || offset > 50) continue;
    if (best === undefined || Math.abs(offset) < Math.abs(best.startTime - requestStart)) best = entry;
  }
  return best;
}

/**
 * Resolves once Resource Timing holds the run's fetch (the browser adds a
 * streamed response's entry a little after its body ended), or after
 * `timeoutMs` (default 500: a fetch made by a custom `fetch` may never appear);
 * at once where there is no Resource Timing.
 */
export function resourceTimed(snapshot: StreamSnapshot, timeoutMs = 500): Promise<void> {
  const Observer = globalThis.PerformanceObserver;
  const start = snapshot.timing.requestStart;
  if (entryOf(start) !== undefined || typeof Observer !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    };
    const observer = new Observer(() => {
      if (entryOf(start) !== undefined) done();
    });
    const timer = setTimeout(done, timeoutMs);
    try {
      observer.observe({ type: 'resource' });
    } catch {
      done();
    }
  });
}

/**
 * DNS, connect, TLS and request (request sent → first byte of the response)
 * from Resource Timing, each from the run's request start; phases of zero
 * length (a reused connection) and cross-origin requests without
 * `Timing-Allow-Origin` (all zeros) give none.
 */
export function resourceTimingStages(snapshot: StreamSnapshot): BeaconStage[] {
  const start = snapshot.timing.requestStart;
  const entry = entryOf(start);
  if (entry === undefined) return [];
  const stages: BeaconStage[] = [];
  const stage = (name: string, from: number, to: number): void => {
    if (from > 0 && to > from)
      stages.push({ name, source: 'resource-timing', start_ms: ms(from - start), dur_ms: ms(to - from) });
  };
  stage('dns', entry.domainLookupStart, entry.domainLookupEnd);
  const tls = entry.secureConnectionStart > 0 ? entry.secureConnectionStart : entry.connectEnd;
  stage('connect', entry.connectStart, tls);
  stage('tls', entry.secureConnectionStart, entry.connectEnd);
  stage('request', entry.requestStart, entry.responseStart);
  return stages;
}

/** The response's `Server-Timing` metrics with a duration, as `server:<name>` stages. */
export function serverTimingStages(snapshot: StreamSnapshot): BeaconStage[] {
  const stages: BeaconStage[] = [];
  for (const entry of snapshot.serverTiming ?? [])
    if (entry.dur !== undefined)
      stages.push({
        name: `server:${entry.name}`.slice(0, 256),
        source: 'server-timing',
        dur_ms: ms(entry.dur),
      });
  return stages;
}
