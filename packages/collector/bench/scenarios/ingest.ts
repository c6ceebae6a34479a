import { batchOf, random, realisticAnswer } from '../beacons.ts';
import { startCollector } from '../collector-process.ts';
import { client, percentile } from '../http-client.ts';

export interface IngestOptions {
  db: string;
  synchronous: 'full' | 'normal';
  seconds: number;
  concurrency: number;
}

const EVENTS_PER_BATCH = 20;
const HEADERS = { 'content-type': 'text/plain;charset=UTF-8' };

/** Pre-built sendBeacon bodies, so the sending process spends its CPU on sending. */
function bodies(count: number): string[] {
  const next = random(7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const now = Date.now();
    const events = Array.from({ length: EVENTS_PER_BATCH }, () => realisticAnswer(next, now - 1000));
    out.push(JSON.stringify(batchOf(events, now)));
  }
  return out;
}

function summary(latencies: number[], accepted: number, seconds: number, errors: number) {
  return {
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Math.round(accepted / seconds),
    p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
    errors,
  };
}

/**
 * Load from this process against a collector in another one, over loopback,
 * in two phases after a one-second warm-up:
 * - throughput: `concurrency` senders post 20-event batches back to back (a
 *   closed loop: as fast as the collector answers);
 * - latency: batches sent on a fixed schedule at `targetEventsPerSecond` (an
 *   open loop), each timed from when it was due, so a stalled collector shows
 *   as latency rather than as fewer requests (no coordinated omission).
 */
export async function ingest(options: IngestOptions & { targetEventsPerSecond: number }) {
  const collector = await startCollector(
    options.db,
    ['--rate-limit', 'off', '--synchronous', options.synchronous],
    (process.env.COLLECTOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  const http = client(collector.url, Math.max(options.concurrency, 64));
  const post = (body: string) => http.send('POST', '/v1/beacon', body, HEADERS);

  // Warm-up and throughput: a closed loop.
  let prepared = bodies(Math.ceil((options.seconds + 1) * 1_500));
  let next = 0;
  const closedLatencies: number[] = [];
  let closedAccepted = 0;
  let closedErrors = 0;
  const warmUpEnds = performance.now() + 1000;
  const ends = warmUpEnds + options.seconds * 1000;
  const sender = async () => {
    while (performance.now() < ends && next < prepared.length) {
      const body = prepared[next++] as string;
      try {
        const sent = await post(body);
        if (performance.now() < warmUpEnds) continue;
        closedLatencies.push(sent.ms);
        if (sent.status === 202) closedAccepted += EVENTS_PER_BATCH;
        else closedErrors++;
      } catch {
        closedErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  const closedSeconds = (performance.now() - warmUpEnds) / 1000;
  if (next >= prepared.length)
    process.stderr.write('ingest: ran out of prepared bodies; the figure is a floor\n');

  // Latency at a fixed rate: an open loop.
  const batchesPerSecond = options.targetEventsPerSecond / EVENTS_PER_BATCH;
  const total = Math.round(batchesPerSecond * options.seconds);
  prepared = bodies(total);
  const openLatencies: number[] = [];
  let openAccepted = 0;
  let openErrors = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  let due = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (due < total && started + (due * 1000) / batchesPerSecond <= now) {
        const dueAt = started + (due * 1000) / batchesPerSecond;
        const body = prepared[due++] as string;
        inFlight.push(
          post(body).then(
            (sent) => {
              openLatencies.push(performance.now() - dueAt);
              if (sent.status === 202) openAccepted += EVENTS_PER_BATCH;
              else openErrors++;
            },
            () => {
              openErrors++;
            },
          ),
        );
      }
      if (due < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const openSeconds = (performance.now() - started) / 1000;
  prepared = [];

  const health = JSON.parse((await http.send('GET', '/healthz')).text) as { events: number };
  const rss = collector.rssMiB();
  http.close();
  await collector.stop();
  return {
    synchronous: options.synchronous,
    throughput: {
      concurrency: options.concurrency,
      ...summary(closedLatencies, closedAccepted, closedSeconds, closedErrors),
    },
    atTarget: {
      targetEventsPerSecond: options.targetEventsPerSecond,
      ...summary(openLatencies, openAccepted, openSeconds, openErrors),
    },
    stored: health.events,
    collectorRssMiB: Math.round(rss),
  };
}
