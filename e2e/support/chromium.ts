/**
 * How every Playwright suite here launches Chromium.
 *
 * TOKENPAINT_CHROMIUM points at a system Chromium (Debian's /usr/bin/chromium on
 * machines that cannot download Playwright's own build). Unset, Playwright uses
 * the browser it installed itself, so users with `playwright install` need nothing.
 */
import type { LaunchOptions } from '@playwright/test';

const executablePath = process.env.TOKENPAINT_CHROMIUM || undefined;

export const chromiumLaunchOptions: LaunchOptions = {
  ...(executablePath ? { executablePath } : {}),
  // Background networking, component updates and sync all try to reach Google's
  // servers; on a machine limited to package registries each attempt fails slowly
  // and adds noise to frame timings. --no-sandbox: CI runs as root.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
