#!/usr/bin/env node
// Stands in for create-app's yarn.lock seed, which it fetches from GitHub (unreachable here, so the app's
// dependencies resolve to the newest versions in the template's ranges): pins, as root `resolutions` of the
// app at <app dir>, the packages whose newest version in range no longer works with the rest of the
// template. Each pin says why; drop it when create-app's template moves past it.
//
//   node seed-resolutions.js <app dir>
const fs = require('node:fs');
const path = require('node:path');

const PINS = {
  // 0.3.21 (published after Backstage 1.55.0) calls httpRouter.addWebSocketHandler, which the template's
  // @backstage/backend-defaults ^0.18.0 does not have: the backend stops at start-up. 0.3.19 is the
  // version create-app's template names (Backstage 1.55.0).
  '@backstage/plugin-signals-backend': '0.3.19',
};

const appDir = process.argv[2];
if (!appDir) {
  console.error('usage: seed-resolutions.js <app dir>');
  process.exit(2);
}
const file = path.join(appDir, 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.resolutions = { ...pkg.resolutions, ...PINS };
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(
  `install-test: pinned ${Object.entries(PINS)
    .map(([n, v]) => `${n}@${v}`)
    .join(', ')}`,
);
