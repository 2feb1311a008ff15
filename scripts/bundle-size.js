#!/usr/bin/env node
/*
 * Size of the Runtime frontend plugin in the app bundle: builds packages/app with bundle stats
 * (`backstage-cli package build --stats`) unless `--no-build`, then reports the lazy chunks that hold
 * the plugin's code (raw and gzip) and what of it sits in the initial chunks.
 *
 *   node scripts/bundle-size.js          (after `source scripts/toolchain.sh`)
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'packages/app/dist');
const PLUGIN = /plugins\/runtime(-common)?\/src\//;

if (!process.argv.includes('--no-build')) {
  execFileSync('yarn', ['workspace', 'app', 'backstage-cli', 'package', 'build', '--stats'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const statsFile = ['bundle-stats.json', 'stats.json']
  .map(f => path.join(dist, f))
  .find(f => fs.existsSync(f));
if (!statsFile) throw new Error(`no bundle stats in ${dist}`);
const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));

const modulesOf = chunk =>
  (chunk.modules ?? []).flatMap(m => (m.modules ? m.modules : [m]));
const kb = n => `${(n / 1024).toFixed(1)} KiB`;
const fileSize = file => {
  const full = path.join(dist, file);
  if (!fs.existsSync(full) || !file.endsWith('.js')) return { raw: 0, gzip: 0 };
  const content = fs.readFileSync(full);
  return { raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
};

let lazyRaw = 0;
let lazyGzip = 0;
let lazyChunks = 0;
let eagerModuleBytes = 0;
let allGzip = 0;
const seen = new Set();
for (const chunk of stats.chunks ?? []) {
  const modules = modulesOf(chunk);
  const plugin = modules.filter(m => PLUGIN.test(m.name ?? m.identifier ?? ''));
  for (const file of chunk.files ?? []) {
    if (!seen.has(file)) {
      seen.add(file);
      allGzip += fileSize(file).gzip;
    }
  }
  if (plugin.length === 0) continue;
  if (chunk.initial) {
    eagerModuleBytes += plugin.reduce((n, m) => n + (m.size ?? 0), 0);
    continue;
  }
  // A lazy chunk counts when most of its code is the plugin's.
  const total = modules.reduce((n, m) => n + (m.size ?? 0), 0);
  const own = plugin.reduce((n, m) => n + (m.size ?? 0), 0);
  if (own * 2 < total) continue;
  lazyChunks += 1;
  for (const file of chunk.files ?? []) {
    const size = fileSize(file);
    lazyRaw += size.raw;
    lazyGzip += size.gzip;
  }
}
console.log('Runtime frontend plugin in the app bundle');
console.log(`  lazy chunks:        ${lazyChunks} (loaded when a Runtime page, card or tab is shown)`);
console.log(`  lazy, minified:     ${kb(lazyRaw)}`);
console.log(`  lazy, gzip:         ${kb(lazyGzip)}`);
console.log(`  in initial chunks:  ${kb(eagerModuleBytes)} of source (plugin, API and route refs, helpers)`);
console.log(`  whole app, gzip:    ${kb(allGzip)} (all JS chunks)`);
