import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium.ts';
import { DEMO_PORT, STORYBOOK_PORT } from './support/ports.ts';

export default defineConfig({
  testDir: '.',
  testMatch: ['tests/**/*.spec.ts'],
  // The first-token test measures frame timing: two tests sharing two cores would
  // measure each other, so everything runs in one worker.
  workers: 1,
  // Each suite its own output folder: Playwright empties it at start, and the two
  // suites may run at the same time.
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      // `vite preview` serves the production build: perf figures from the dev
      // server (unbundled modules, React's development build) would not be what
      // users get. The demo's Vite config mounts the mock LLM on the same origin.
      command: `pnpm --dir ../apps/demo run build && pnpm --dir ../apps/demo run preview --host 127.0.0.1 --port ${DEMO_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEMO_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'pipe',
    },
    {
      // Stories double as e2e fixtures (Radix-style): the specs open the built
      // Storybook's iframe. Built here too, so the e2e suite runs on its own.
      // The full test run has just built Storybook as its own suite and says so
      // with TOKENPAINT_STORYBOOK_BUILT; building it twice would cost a minute.
      command: `${process.env.TOKENPAINT_STORYBOOK_BUILT ? '' : 'pnpm --dir ../stories run build && '}pnpm --dir ../stories exec vite preview --outDir storybook-static --host 127.0.0.1 --port ${STORYBOOK_PORT} --strictPort`,
      url: `http://127.0.0.1:${STORYBOOK_PORT}/iframe.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      // Storybook's build log is long; its errors still arrive on stderr.
      stdout: 'ignore',
    },
  ],
});
