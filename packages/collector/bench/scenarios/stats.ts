import { openStore } from '../../src/store/sqlite-store.ts';
import { batchOf, random, realisticAnswer } from '../beacons.ts';
import { startCollector } from '../collector-process.ts';
import { client, percentile } from '../http-client.ts';

const DAY_MS = 86_400_000;

/**
 * Writes `count` answers over the last seven days straight into a store, in
 * time order as they would have arrived (each batch received when it was sent).
 */
async function seed(db: string, count: number): Promise<void> {
  const store = openStore({ path: db, synchronous: 'normal' });
  const next = random(11);
  const end = Date.now();
  const start = end - 7 * DAY_MS;
  for (let i = 0; i < count; i += 500) {
    const at = start + Math.floor(((end - start) * i) / count);
    const events = Array.from({ length: Math.min(500, count - i) }, () => realisticAnswer(next, at));
    await store.append(batchOf(events, at), at);
  }
  await store.close();
}

const QUERIES = [
  '/v1/stats?metric=ttfp_ms&from=-7d',
  '/v1/stats?metric=ttfp_ms&from=-7d&group_by=model,device_type',
  '/v1/stats?metric=ttft_ms&from=-7d&group_by=network_type&where=model:gpt-4.1|claude-sonnet',
  '/v1/series?metric=ttfp_ms&from=-7d&step=1h&group_by=model',
  '/v1/stages?from=-7d',
];

/** Query times over `count` stored events, from another process, 7 reps each (the first one cold). */
export async function stats(options: { db: string; events: number }) {
  const seededAt = performance.now();
  await seed(options.db, options.events);
  const seedSeconds = (performance.now() - seededAt) / 1000;
  const collector = await startCollector(options.db, ['--rate-limit', 'off']);
  const http = client(collector.url, 1);
  const rows = [];
  for (const query of QUERIES) {
    const times: number[] = [];
    let count = 0;
    for (let rep = 0; rep < 7; rep++) {
      const sent = await http.send('GET', query);
      if (sent.status !== 200) throw new Error(`${query} answered ${sent.status}: ${sent.text}`);
      times.push(sent.ms);
      if (rep === 0) {
        const body = JSON.parse(sent.text) as { groups?: Array<{ count?: number }>; stages?: unknown[] };
        count = body.groups?.length ?? body.stages?.length ?? 0;
      }
    }
    rows.push({
      query,
      groups: count,
      firstMs: Number((times[0] ?? 0).toFixed(1)),
      medianMs: Number(percentile(times, 0.5).toFixed(1)),
      maxMs: Number(Math.max(...times).toFixed(1)),
    });
  }
  const health = JSON.parse((await http.send('GET', '/healthz')).text) as { events: number };
  http.close();
  await collector.stop();
  return { stored: health.events, seedSeconds: Number(seedSeconds.toFixed(1)), queries: rows };
}
