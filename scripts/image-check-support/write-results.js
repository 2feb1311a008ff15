#!/usr/bin/env node
// Turns scripts/image-check's checks and phase timings into .reports/image-check/results.json, shaped as
// a jest --json report (numPassedTests, numFailedTests, testResults[].assertionResults) so that
// scripts/summarise-tests.js counts it; the phases' wall times go in `phases`.
//
//   write-results.js <checks.tsv> <timings.tsv> <output.json> <total seconds>
//
// checks.tsv: one check a line, "<passed|failed>\t<title>\t<message>"; timings.tsv: "<phase>\t<seconds>".
const fs = require('node:fs');

const [checksFile, timingsFile, outputFile, totalSeconds] =
  process.argv.slice(2);

const readLines = file =>
  fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
    : [];

const assertionResults = readLines(checksFile).map(line => {
  const [status, title, message = ''] = line.split('\t');
  return {
    title,
    fullName: `image check ${title}`,
    status,
    failureMessages: status === 'failed' ? [message] : [],
  };
});
const phases = readLines(timingsFile).map(line => {
  const [name, seconds] = line.split('\t');
  return { name, seconds: Number(seconds) };
});

const passed = assertionResults.filter(a => a.status === 'passed').length;
const failed = assertionResults.length - passed;
const report = {
  numTotalTests: assertionResults.length,
  numPassedTests: passed,
  numFailedTests: failed,
  success: assertionResults.length > 0 && failed === 0,
  testResults: [
    {
      name: 'scripts/image-check',
      status: failed === 0 && assertionResults.length > 0 ? 'passed' : 'failed',
      assertionResults,
    },
  ],
  phases,
  totalSeconds: Number(totalSeconds),
};
fs.writeFileSync(outputFile, `${JSON.stringify(report, null, 2)}\n`);
