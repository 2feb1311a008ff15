import { defineConfig } from '@playwright/test';

/**
 * The install test's checks (scripts/install-test): an app made by @backstage/create-app with the Runtime
 * Portal packages installed as README.md says, its backend on :7107 serving the built frontend. Debian's
 * Chromium; Playwright never downloads a browser here.
 */
const reportDir =
  process.env.INSTALL_TEST_REPORT_DIR ?? '.reports/install-test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `${reportDir}/results.json` }]],
  outputDir: `${reportDir}/test-results`,
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7107',
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
