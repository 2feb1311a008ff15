#!/usr/bin/env node
// Prints "<passed> <failed>" for a jest --json report; a suite that failed to run counts as one failure.
const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.log('0 1');
  process.exit(0);
}
const crashedSuites = (report.testResults ?? []).filter(
  suite => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
).length;
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + crashedSuites;
console.log(`${passed} ${failed}`);
