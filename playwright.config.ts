import { browserTestConfig } from './scripts/e2e-support/browserTestConfig';

/**
 * Browser tests of the portal's main user journeys (packages/app/e2e-tests), driving Debian's Chromium.
 * `./scripts/e2e` starts the portal (backend on :7007 serving the built frontend, runtime sandbox) and runs
 * them; against an already running `./scripts/start`, use `PLAYWRIGHT_URL=http://localhost:3000 yarn playwright test`.
 */
export default browserTestConfig({
  testDir: 'packages/app/e2e-tests',
  reportDir: process.env.E2E_REPORT_DIR ?? '.reports/e2e',
  baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
});
