import { defineConfig, devices } from '@playwright/test';

// TOKENPAINT_CHROMIUM points at a system Chromium (Debian's /usr/bin/chromium on
// machines that cannot download Playwright's own build). Unset, Playwright uses
// the browser it installed itself, so users with `playwright install` need nothing.
const executablePath = process.env.TOKENPAINT_CHROMIUM || undefined;

// Not Vite's default preview port (4173), so a preview left running elsewhere cannot collide.
const DEMO_PORT = 4317;

export default defineConfig({
  testDir: '.',
  testMatch: ['tests/**/*.spec.ts', 'perf/**/*.spec.ts'],
  // Perf specs measure frame cadence: two tests sharing two cores would measure
  // each other, so everything runs in one worker.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Background networking, component updates and sync all try to reach
      // Google's servers; on a machine limited to package registries each attempt
      // fails slowly and adds noise to frame timings.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // `vite preview` serves the production build: perf figures from the dev
    // server (unbundled modules, React's development build) would not be what
    // users get. The demo's Vite config mounts the mock LLM on the same origin.
    command: `pnpm --dir ../apps/demo run build && pnpm --dir ../apps/demo run preview --host 127.0.0.1 --port ${DEMO_PORT} --strictPort`,
    url: `http://127.0.0.1:${DEMO_PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
  },
});
