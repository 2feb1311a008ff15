#!/usr/bin/env node
/*
 * Size of the Runtime frontend plugin in the app bundle. Builds packages/app (unless `--no-build`),
 * then reads each JavaScript chunk's source map: a chunk whose sources are mostly the plugin's
 * (plugins/runtime/src, plugins/runtime-common/src) is one of its chunks. Reports those chunks (raw and
 * gzip), whether they load lazily (not in index.html), and the plugin's share of the initial chunks;
 * then each lazy chunk with its gzip size, largest first, against the bar of 150 KiB gzip per chunk
 * (exits 1 when one is over).
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
  execFileSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const staticDir = path.join(dist, 'static');
const kb = n => `${(n / 1024).toFixed(1)} KiB`;

const LAZY_CHUNK_BAR = 150 * 1024; // gzip bytes
const plugin = { lazyChunks: 0, lazyRaw: 0, lazyGzip: 0, initialShare: 0 };
const lazyChunks = [];
let appGzip = 0;
for (const file of fs.readdirSync(staticDir).filter(f => f.endsWith('.js'))) {
  const content = fs.readFileSync(path.join(staticDir, file));
  const gzip = zlib.gzipSync(content, { level: 9 }).length;
  appGzip += gzip;
  const mapFile = path.join(staticDir, `${file}.map`);
  if (!fs.existsSync(mapFile)) continue;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const sizes = (map.sources ?? []).map((source, i) => ({
    own: PLUGIN.test(source),
    size: map.sourcesContent?.[i]?.length ?? 0,
  }));
  const total = sizes.reduce((n, s) => n + s.size, 0);
  const own = sizes.filter(s => s.own).reduce((n, s) => n + s.size, 0);
  if (own === 0 || total === 0) continue;
  const initial = html.includes(`static/${file}`);
  if (initial) {
    plugin.initialShare += gzip * (own / total);
  } else if (own * 2 >= total) {
    plugin.lazyChunks += 1;
    plugin.lazyRaw += content.length;
    plugin.lazyGzip += gzip;
    lazyChunks.push({ file, raw: content.length, gzip });
  }
}
console.log('Runtime frontend plugin in the app bundle (packages/app/dist)');
console.log(
  `  lazy chunks:          ${plugin.lazyChunks} (loaded when a Runtime page, card or tab is shown)`,
);
console.log(`  lazy, minified:       ${kb(plugin.lazyRaw)}`);
console.log(`  lazy, gzip:           ${kb(plugin.lazyGzip)}`);
console.log(
  `  in initial chunks:    ~${kb(
    plugin.initialShare,
  )} gzip (plugin, API and route refs, helpers)`,
);
console.log(`  whole app JS, gzip:   ${kb(appGzip)}`);
console.log('  each lazy chunk (minified, gzip), largest first:');
lazyChunks.sort((a, b) => b.gzip - a.gzip);
for (const chunk of lazyChunks) {
  const over =
    chunk.gzip >= LAZY_CHUNK_BAR ? '  OVER the 150 KiB gzip bar' : '';
  console.log(`    ${chunk.file}: ${kb(chunk.raw)}, ${kb(chunk.gzip)}${over}`);
}
if (lazyChunks.some(chunk => chunk.gzip >= LAZY_CHUNK_BAR))
  process.exitCode = 1;
