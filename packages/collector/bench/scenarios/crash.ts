import { DatabaseSync } from 'node:sqlite';
import { Sketch } from '../../src/sketch.ts';
import { batchOf, random, realisticAnswer } from '../beacons.ts';
import { startCollector } from '../collector-process.ts';
import { client } from '../http-client.ts';

/**
 * kill -9 under load: every event whose beacon was answered 202 before the kill
 * must be in the database after a restart, once, and counted once in the
 * percentile cells (recovery re-aggregates what the write-behind had not written).
 */
export async function crash(options: { db: string; loadMs: number }) {
  const collector = await startCollector(options.db, ['--rate-limit', 'off']);
  const http = client(collector.url, 16);
  const next = random(5);
  const acknowledged = new Set<string>();
  const sentBodies: string[] = [];
  let killed = false;
  let errorsAfterKill = 0;
  const sender = async () => {
    while (!killed) {
      const now = Date.now();
      // One batch in ten is a retry of an acknowledged one: duplicates must be stored once.
      const retry = sentBodies.length > 0 && next() < 0.1;
      const body = retry
        ? (sentBodies[Math.floor(next() * sentBodies.length)] as string)
        : JSON.stringify(
            batchOf(
              Array.from({ length: 20 }, () => realisticAnswer(next, now)),
              now,
            ),
          );
      try {
        const sent = await http.send('POST', '/v1/beacon', body, { 'content-type': 'text/plain' });
        if (sent.status === 202 && !killed) {
          for (const event of (JSON.parse(body) as { events: Array<{ request_id: string }> }).events)
            acknowledged.add(`answer:${event.request_id}`);
          if (!retry) sentBodies.push(body);
        }
      } catch {
        if (killed) errorsAfterKill++;
      }
    }
  };
  const senders = Array.from({ length: 16 }, sender);
  await new Promise((resolve) => setTimeout(resolve, options.loadMs));
  // Acknowledgements that arrive after this line are not counted: the kill may beat them.
  killed = true;
  await collector.stop('SIGKILL');
  await Promise.all(senders);
  http.close();

  const restarted = await startCollector(options.db, ['--rate-limit', 'off']);
  const again = client(restarted.url, 1);
  const stats = JSON.parse((await again.send('GET', '/v1/stats?metric=ttft_ms&from=-1h')).text) as {
    groups: Array<{ count: number }>;
  };
  again.close();
  await restarted.stop();

  const db = new DatabaseSync(options.db, { readOnly: true });
  const keys = new Set(
    (db.prepare('SELECT event_key FROM events').all() as Array<{ event_key: string }>).map(
      (r) => r.event_key,
    ),
  );
  const rows = db
    .prepare('SELECT count(*) AS n, count(DISTINCT event_key) AS distinct_keys FROM events')
    .get() as {
    n: number;
    distinct_keys: number;
  };
  let cellCount = 0;
  for (const row of db.prepare("SELECT sketch FROM cells_hour WHERE series = 'ttft_ms'").all() as Array<{
    sketch: Uint8Array;
  }>)
    cellCount += Sketch.decode(row.sketch).count;
  db.close();
  const missing = [...acknowledged].filter((key) => !keys.has(key)).length;
  return {
    acknowledgedEvents: acknowledged.size,
    storedEvents: rows.n,
    missingAcknowledged: missing,
    storedTwice: rows.n - rows.distinct_keys,
    countedInCells: cellCount,
    statsCountAfterRestart: stats.groups.reduce((n, g) => n + g.count, 0),
    requestsCutByKill: errorsAfterKill,
  };
}
