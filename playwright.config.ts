// End-to-end tests: build the app, serve it, drive it in Chromium. Two builds: the deployed one
// (dist/, which e2e/hosting.spec.ts serves from a sub-path with its own static host) and the
// e2e one (dist-e2e/, the same plus the test-only hook behind ?debug=1) that the other specs use.
// The browser is Debian's Chromium when present (or $DSLAB_CHROMIUM), else Playwright's own
// (scripts/ensure-browser.mjs installs it on a machine that has neither).

import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// DSLAB_E2E_PORT lets several checkouts run their e2e suites side by side.
const PORT = Number(process.env.DSLAB_E2E_PORT ?? 4173);
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const executablePath = process.env.DSLAB_CHROMIUM ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Runs finish on their own simulated time, but a 2-core CI machine running workers for every
  // node can take longer than Playwright's 5 s default to get there.
  expect: { timeout: 15_000 },
  ...(process.env.CI ? { workers: 2 } : {}),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The service worker is tested on its own (e2e/hosting.spec.ts); elsewhere it would only
    // add a precache download to every test.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npm run build && npm run build:e2e && npx vite preview --mode e2e --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
