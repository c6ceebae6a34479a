// The collector's benchmark: sustained ingest from a second process, query
// time over 1,000,000 stored events, 10,000 malformed bodies, and kill -9
// under load. Figures go to stdout; the correctness checks (fuzz, crash) also
// set the exit code.
//
//   pnpm --filter @tokenpaint/collector bench            # all four
//   pnpm --filter @tokenpaint/collector bench ingest     # or some: ingest stats fuzz crash
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { crash } from './scenarios/crash.ts';
import { FUZZ_HEAP_MIB, fuzz } from './scenarios/fuzz.ts';
import { ingest } from './scenarios/ingest.ts';
import { stats } from './scenarios/stats.ts';

const ALL = ['ingest', 'stats', 'fuzz', 'crash'];
const chosen = process.argv.slice(2).filter((arg) => ALL.includes(arg));
const scenarios = chosen.length > 0 ? chosen : ALL;
const dir = mkdtempSync(join(tmpdir(), 'tokenpaint-collector-bench-'));
let failed = false;

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function verdict(ok: boolean, text: string): string {
  return `${ok ? 'meets' : 'MISSES'} ${text}`;
}

function check(ok: boolean, text: string): string {
  if (!ok) failed = true;
  return `${ok ? 'ok' : 'FAILED'}: ${text}`;
}

console.log(
  `tokenpaint collector benchmark · ${new Date().toISOString()} · commit ${commit()} · node ${process.version} · ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}`,
);

try {
  if (scenarios.includes('ingest')) {
    console.log(
      '\n## ingest: 20-event text/plain batches over loopback keep-alive; closed loop (16 senders), then a fixed 20,000 events/s',
    );
    for (const synchronous of ['full', 'normal'] as const) {
      const result = await ingest({
        db: join(dir, `ingest-${synchronous}.db`),
        synchronous,
        seconds: 10,
        concurrency: 16,
        targetEventsPerSecond: 20_000,
      });
      console.log(`  ${JSON.stringify(result)}`);
      const { throughput, atTarget } = result;
      console.log(
        `  synchronous=${synchronous}: ${verdict(throughput.eventsPerSecond >= 20_000, `≥ 20,000 events/s (${throughput.eventsPerSecond} at most)`)}; ${verdict(atTarget.p99Ms < 20, `p99 < 20 ms at 20,000 events/s (${atTarget.p99Ms}, p50 ${atTarget.p50Ms})`)}`,
      );
      console.log(
        `  ${check(throughput.errors + atTarget.errors === 0, `${throughput.errors + atTarget.errors} errors`)}`,
      );
    }
  }
  if (scenarios.includes('stats')) {
    console.log('\n## queries over 1,000,000 answers spread over 7 days (7 reps each, the first cold)');
    const result = await stats({ db: join(dir, 'stats.db'), events: 1_000_000 });
    console.log(`  stored ${result.stored} events (seeded in ${result.seedSeconds} s)`);
    for (const row of result.queries) {
      console.log(`  ${JSON.stringify(row)}`);
      console.log(`    ${verdict(row.maxMs < 200, `< 200 ms (max ${row.maxMs})`)}`);
    }
  }
  if (scenarios.includes('fuzz')) {
    console.log('\n## fuzz: 10,000 malformed bodies, 8 concurrent, plus 8 slow bodies');
    const result = await fuzz({ db: join(dir, 'fuzz.db'), bodies: 10_000 });
    console.log(`  ${JSON.stringify(result)}`);
    console.log(
      `  ${check(result.outside4xx === 0, `every answered body got a 4xx (${result.outside4xx} did not)`)}`,
    );
    console.log(
      `  ${check(
        result.slowBodies.every((s) => s === 408),
        `slow bodies got 408 (${result.slowBodies.join(', ')})`,
      )}`,
    );
    console.log(`  ${check(result.stored === 0, `nothing stored (${result.stored})`)}`);
    console.log(
      `  ${check(result.stillUp, `memory bounded: served all of them under a ${FUZZ_HEAP_MIB} MiB heap ceiling, RSS ${result.rssMiB[0]} → max ${Math.max(...result.rssMiB)} → ${result.rssMiB.at(-1)} MiB`)}`,
    );
  }
  if (scenarios.includes('crash')) {
    console.log('\n## crash: kill -9 after 3 s of load (16 senders, 10 % retried batches), restart, count');
    const result = await crash({ db: join(dir, 'crash.db'), loadMs: 3000 });
    console.log(`  ${JSON.stringify(result)}`);
    console.log(
      `  ${check(result.missingAcknowledged === 0, `every acknowledged event stored (${result.missingAcknowledged} missing of ${result.acknowledgedEvents})`)}`,
    );
    console.log(`  ${check(result.storedTwice === 0, `none stored twice (${result.storedTwice})`)}`);
    console.log(
      `  ${check(result.countedInCells === result.storedEvents && result.statsCountAfterRestart === result.storedEvents, `percentile cells count every stored event once (${result.countedInCells} / ${result.statsCountAfterRestart} / ${result.storedEvents})`)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
