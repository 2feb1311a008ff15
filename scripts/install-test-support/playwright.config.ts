import { browserTestConfig } from '../e2e-support/browserTestConfig';

/**
 * The install test's checks (scripts/install-test): an app made by @backstage/create-app with the Runtime
 * Portal packages installed as README.md says, its backend on :7107 serving the built frontend.
 */
export default browserTestConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  reportDir: process.env.INSTALL_TEST_REPORT_DIR ?? '.reports/install-test',
  baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7107',
});
