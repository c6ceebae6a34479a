import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectorServer, listen } from './node-server.ts';
import { SECONDS_BUCKETS } from './prometheus.ts';
import { answer, batch, latency, random } from './test-beacons.ts';

// A real Prometheus scrapes the collector; its histogram_quantile must agree with
// the collector's own p95. `.ci/tools.sh --prometheus` installs Debian's package;
// TOKENPAINT_PROMETHEUS points elsewhere. Where there is none, the test is skipped
// and says why.
const BINARY = process.env.TOKENPAINT_PROMETHEUS ?? '/usr/bin/prometheus';
const available = spawnSync(BINARY, ['--version']).status === 0;
if (!available)
  console.warn(
    `skipping the Prometheus integration test: no prometheus at ${BINARY} (apt-get install prometheus, or set TOKENPAINT_PROMETHEUS)`,
  );

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** The index of the Prometheus bucket a value in seconds falls in (its `le`), or the +Inf bucket. */
function bucketOf(seconds: number): number {
  const i = SECONDS_BUCKETS.findIndex((bound) => seconds <= bound);
  return i === -1 ? SECONDS_BUCKETS.length : i;
}

describe.skipIf(!available)('Prometheus scraping /metrics', () => {
  let collector: CollectorServer;
  let prometheus: ChildProcess;
  let prometheusUrl: string;
  let dir: string;
  const models = ['gpt-a', 'claude-b'];

  beforeAll(async () => {
    collector = await listen({ db: ':memory:', rateLimit: false });
    const next = random(9);
    for (let i = 0; i < 50; i++) {
      const events = Array.from({ length: 20 }, (_, j) => {
        const model = models[(i + j) % models.length] ?? 'gpt-a';
        return answer({
          tags: { model },
          metrics: { ttfp_ms: latency(next, model === 'gpt-a' ? 350 : 900) },
        });
      });
      const response = await fetch(`${collector.url}/v1/beacon`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(batch(events)),
      });
      expect(response.status).toBe(202);
    }
    dir = mkdtempSync(join(tmpdir(), 'tokenpaint-prometheus-'));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: tokenpaint-collector',
        '    static_configs:',
        `      - targets: ["${new URL(collector.url).host}"]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      BINARY,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
  }, 30_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await collector?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function query(
    promql: string,
  ): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as {
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    return body.data.result;
  }

  it('agrees with the collector on p95 per model within one bucket', async () => {
    // Wait until Prometheus is up and has scraped the collector once.
    const deadline = Date.now() + 30_000;
    let samples: Awaited<ReturnType<typeof query>> = [];
    while (Date.now() < deadline) {
      try {
        samples = await query('sum by (le, model) (tokenpaint_ttfp_seconds_bucket)');
        if (samples.length > 0) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(samples.length, 'Prometheus never scraped the collector').toBeGreaterThan(0);

    const estimates = await query(
      'histogram_quantile(0.95, sum by (le, model) (tokenpaint_ttfp_seconds_bucket))',
    );
    const stats = (await (await fetch(`${collector.url}/v1/stats?metric=ttfp_ms&group_by=model`)).json()) as {
      groups: Array<{ tags: { model: string }; p95: number; count: number }>;
    };
    expect(estimates.map((sample) => sample.metric.model).sort()).toEqual([...models].sort());
    for (const group of stats.groups) {
      const estimate = Number(estimates.find((sample) => sample.metric.model === group.tags.model)?.value[1]);
      const own = group.p95 / 1000;
      console.log(
        `p95 ttfp ${group.tags.model}: collector ${own.toFixed(3)} s, Prometheus histogram_quantile ${estimate.toFixed(3)} s`,
      );
      expect(Math.abs(bucketOf(estimate) - bucketOf(own))).toBeLessThanOrEqual(1);
    }
  }, 45_000);
});
