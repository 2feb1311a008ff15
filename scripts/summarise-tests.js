#!/usr/bin/env node
// Prints "<passed> <failed>" for a jest --json report or a Playwright JSON report (scripts/e2e); a jest suite
// that failed to run counts as one failure, and so does a report that is missing or unreadable.
const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.log('0 1');
  process.exit(0);
}
if (report.stats && Array.isArray(report.suites)) {
  // Playwright: expected = passed, unexpected = failed, flaky = passed on a retry; errors outside tests fail.
  const stats = report.stats;
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = (stats.unexpected ?? 0) + (report.errors ?? []).length;
  console.log(`${passed} ${failed}`);
  process.exit(0);
}
const crashedSuites = (report.testResults ?? []).filter(
  suite => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
).length;
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + crashedSuites;
console.log(`${passed} ${failed}`);
