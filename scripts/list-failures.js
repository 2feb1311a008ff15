#!/usr/bin/env node
// Prints each failed test of a jest --json report or a Playwright JSON report (scripts/e2e) as
// "FAILED <file> › <test>: <first line of the error>", so the end of a CI log names what failed.
const fs = require('node:fs');

const file = process.argv[2];
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  process.exit(0);
}
const firstLine = text =>
  String(text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map(line => line.trim())
    .find(Boolean) ?? '';

if (report.stats && Array.isArray(report.suites)) {
  const visit = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message;
        console.log(`FAILED ${spec.file ?? file} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, suite.file ?? file);
  };
  report.suites.forEach(suite => visit(suite, suite.file));
  for (const error of report.errors ?? []) console.log(`FAILED ${firstLine(error.message)}`);
  process.exit(0);
}
const root = process.cwd();
for (const suite of report.testResults ?? []) {
  const name = String(suite.name ?? '').replace(`${root}/`, '');
  const failures = (suite.assertionResults ?? []).filter(t => t.status === 'failed');
  if (suite.status === 'failed' && failures.length === 0) {
    console.log(`FAILED ${name}: ${firstLine(suite.message)}`);
  }
  for (const test of failures) {
    console.log(`FAILED ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
  }
}
