import { defineConfig } from '@playwright/test';

/**
 * The Playwright settings every browser test here shares (the journeys of scripts/e2e and the checks of
 * scripts/install-test): Debian's Chromium (Playwright never downloads a browser here), one worker since
 * the tests share one running portal, and a JSON report that scripts/summarise-tests.js counts.
 */
export function browserTestConfig(options: {
  /** Where the tests are, relative to the config file. */
  testDir: string;
  /** Which files are tests (Playwright's default when not given). */
  testMatch?: string;
  /** Where results.json and the failures' traces go. */
  reportDir: string;
  /** The portal's URL. */
  baseURL: string;
}) {
  return defineConfig({
    testDir: options.testDir,
    ...(options.testMatch ? { testMatch: options.testMatch } : {}),
    // One portal and its catalog per run; on a 2-core machine one browser at a time is the fastest.
    workers: 1,
    fullyParallel: false,
    forbidOnly: !!process.env.CI,
    retries: 0,
    timeout: 120_000,
    expect: { timeout: 15_000 },
    reporter: [
      ['list'],
      ['json', { outputFile: `${options.reportDir}/results.json` }],
    ],
    outputDir: `${options.reportDir}/test-results`,
    use: {
      baseURL: options.baseURL,
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
}
