import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium.ts';

/** Its own port (TOKENPAINT_BENCH_PORT): the functional suite's demo server (DEMO_PORT) may be running at the same time. */
const BENCH_PORT = Number(process.env.TOKENPAINT_BENCH_PORT ?? 4180);

/**
 * The side-by-side browser benchmark (`pnpm --dir e2e run bench:browser`):
 * tokenpaint vs the AI SDK's useChat on the production build of apps/bench.
 * Kept apart from the functional suite because one run takes minutes and its
 * figures are reported, not asserted.
 */
export default defineConfig({
  testDir: './perf',
  testMatch: '**/*.bench.ts',
  // Runs measure frame cadence on a shared machine: one at a time, never two
  // pages competing for the same cores.
  workers: 1,
  // Each suite its own output folder: Playwright empties it at start, and the two
  // suites may run at the same time.
  outputDir: 'test-results/perf',
  fullyParallel: false,
  retries: 0,
  // 3 implementations × 2 CPU settings × 3 runs of a ~10 s stream, plus page loads of
  // 1,000 Markdown messages; a 4× throttled run of the slowest side takes about a minute.
  timeout: 15 * 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${BENCH_PORT}`,
    ...devices['Desktop Chrome'],
    trace: 'off',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    // `vite preview` of a fresh production build: the dev server's unbundled modules and
    // React's development build would measure something users never run. Never reuse a
    // server already on the port: it could be serving a stale build.
    command: `pnpm --dir ../apps/bench run build && pnpm --dir ../apps/bench run preview --host 127.0.0.1 --port ${BENCH_PORT} --strictPort`,
    url: `http://127.0.0.1:${BENCH_PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
});
