#!/usr/bin/env node
// Installs the Runtime Portal packages into an app made by @backstage/create-app, as README.md's
// "Installing the plugins into an existing Backstage app" says, with packed tarballs in place of the npm
// registry: scripts/install-test runs it between create-app and `yarn install`.
//
//   node install-into-app.js <app dir> <tarball dir>
//
// - packages/backend and packages/app depend on the packages (what `yarn --cwd ... add` would write), and the
//   root `resolutions` point every @runtime-portal/* package, direct or transitive, at its tarball;
// - packages/backend/src/index.ts adds the backend plugin and modules, the suite's permission policy in
//   place of the template's allow-all policy;
// - packages/app/src/App.tsx adds the frontend plugin from `@runtime-portal/backstage-plugin-runtime/alpha`
//   to createApp's features.
// Every edit anchors on the template's own text and fails loudly when the template no longer has it.
const fs = require('node:fs');
const path = require('node:path');

const [appDir, tarballDir] = process.argv.slice(2);
if (!appDir || !tarballDir) {
  console.error('usage: install-into-app.js <app dir> <tarball dir>');
  process.exit(2);
}

const SCOPE = '@runtime-portal/';
const BACKEND_PACKAGES = [
  'backstage-plugin-runtime-backend',
  'backstage-plugin-catalog-backend-module-runtime',
  'backstage-plugin-scaffolder-backend-module-runtime',
  'backstage-plugin-permission-backend-module-runtime',
].map(name => SCOPE + name);
const FRONTEND_PACKAGES = [`${SCOPE}backstage-plugin-runtime`];
const ALLOW_ALL_POLICY =
  '@backstage/plugin-permission-backend-module-allow-all-policy';
const PERMISSION_MODULE = `${SCOPE}backstage-plugin-permission-backend-module-runtime`;

/** The packed packages: name -> { version, file }, read from each tarball's file name `<scope>-<name>-<version>.tgz`. */
function readTarballs() {
  const tarballs = new Map();
  for (const file of fs.readdirSync(tarballDir)) {
    const match =
      /^@runtime-portal-(.+)-(\d+\.\d+\.\d+(?:-[\w.]+)?)\.tgz$/.exec(file);
    if (match) {
      tarballs.set(SCOPE + match[1], {
        version: match[2],
        file: path.resolve(tarballDir, file),
      });
    }
  }
  for (const name of [...BACKEND_PACKAGES, ...FRONTEND_PACKAGES]) {
    if (!tarballs.has(name))
      throw new Error(`no tarball for ${name} in ${tarballDir}`);
  }
  return tarballs;
}

function editFile(file, edit) {
  const before = fs.readFileSync(file, 'utf8');
  const after = edit(before);
  fs.writeFileSync(file, after);
}

function editJson(file, edit) {
  editFile(
    file,
    text => `${JSON.stringify(edit(JSON.parse(text)), null, 2)}\n`,
  );
}

/** Replaces `anchor` (which must occur exactly once) in `text`. */
function replaceOnce(text, anchor, replacement, file) {
  const first = text.indexOf(anchor);
  if (first < 0 || text.indexOf(anchor, first + 1) >= 0) {
    throw new Error(`${file}: expected exactly one ${JSON.stringify(anchor)}`);
  }
  return text.slice(0, first) + replacement + text.slice(first + anchor.length);
}

function addDependencies(tarballs) {
  editJson(path.join(appDir, 'package.json'), pkg => {
    pkg.resolutions = { ...pkg.resolutions };
    for (const [name, { file }] of tarballs)
      pkg.resolutions[name] = `file:${file}`;
    return pkg;
  });
  const add = (workspace, names) =>
    editJson(path.join(appDir, 'packages', workspace, 'package.json'), pkg => {
      for (const name of names)
        pkg.dependencies[name] = `^${tarballs.get(name).version}`;
      if (workspace === 'backend') delete pkg.dependencies[ALLOW_ALL_POLICY];
      // Sorted, as `yarn add` and `yarn remove` leave them.
      pkg.dependencies = Object.fromEntries(
        Object.entries(pkg.dependencies).sort(([a], [b]) =>
          a.localeCompare(b, 'en-US'),
        ),
      );
      return pkg;
    });
  add('backend', BACKEND_PACKAGES);
  add('app', FRONTEND_PACKAGES);
}

function wireBackend() {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  editFile(file, text => {
    let result = replaceOnce(
      text,
      `import('${ALLOW_ALL_POLICY}')`,
      `import('${PERMISSION_MODULE}')`,
      file,
    );
    const lines = BACKEND_PACKAGES.filter(name => name !== PERMISSION_MODULE)
      .map(name => `backend.add(import('${name}'));\n`)
      .join('');
    result = replaceOnce(
      result,
      'backend.start();',
      `// Runtime Portal\n${lines}\nbackend.start();`,
      file,
    );
    return result;
  });
}

function wireApp() {
  const file = path.join(appDir, 'packages/app/src/App.tsx');
  editFile(file, text => {
    const withImport = replaceOnce(
      text,
      "import catalogPlugin from '@backstage/plugin-catalog/alpha';\n",
      "import catalogPlugin from '@backstage/plugin-catalog/alpha';\n" +
        "import runtimePlugin from '@runtime-portal/backstage-plugin-runtime/alpha';\n",
      file,
    );
    return replaceOnce(
      withImport,
      'features: [',
      'features: [runtimePlugin, ',
      file,
    );
  });
}

try {
  const tarballs = readTarballs();
  addDependencies(tarballs);
  wireBackend();
  wireApp();
  console.log(
    `install-test: added ${[...tarballs.keys()].join(', ')} to ${appDir}`,
  );
} catch (error) {
  console.error(`install-test: ${error.message}`);
  process.exit(1);
}
