import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the portal's main user journeys (packages/app/e2e-tests), driving Debian's Chromium.
 * `./scripts/e2e` starts the portal (backend on :7007 serving the built frontend, runtime sandbox) and runs
 * them; against an already running `./scripts/start`, use `PLAYWRIGHT_URL=http://localhost:3000 yarn playwright test`.
 * Playwright never downloads a browser here: the machine has only Debian's.
 */
const reportDir = process.env.E2E_REPORT_DIR ?? '.reports/e2e';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // Journeys share one portal and its catalog; on a 2-core machine one browser at a time is the fastest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `${reportDir}/results.json` }]],
  outputDir: `${reportDir}/test-results`,
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
