#!/usr/bin/env node
// Builds the compiled package (dist/) with tsc and tsconfig.build.json, and says whether a build is stale.
//   node scripts/build.cjs              build (`npm run build`)
//   node scripts/build.cjs --if-stale   build only when a source is newer than the last build (`npm run synth`, cdktf.json)
// Plain JavaScript on purpose: it decides whether the TypeScript needs compiling, so it cannot be TypeScript.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** Written after every successful build, with the time the build started as its modification time. */
const STAMP = path.join('dist', '.build-stamp');
/** What tsconfig.build.json compiles, and what decides how (a changed tsconfig rebuilds too). */
const SOURCE_DIRS = ['modules', 'config', 'stacks', 'cli'];
const SOURCE_FILES = ['index.ts', 'main.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time (ms) of the compiled sources under `root`, tests excluded. */
function newestSourceMtime(root = ROOT) {
  let newest = 0;
  const consider = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.ts')) consider(full);
    }
  };
  for (const dir of SOURCE_DIRS) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of SOURCE_FILES) consider(path.join(root, file));
  for (const file of DATA_FILES) consider(path.join(root, file));
  return newest;
}

/** True when dist/ is missing or older than a source; false in an installed package (no sources to build from). */
function isStale(root = ROOT) {
  if (!fs.existsSync(path.join(root, 'tsconfig.build.json'))) return false;
  const stamp = fs.statSync(path.join(root, STAMP), { throwIfNoEntry: false });
  return !stamp || newestSourceMtime(root) > stamp.mtimeMs;
}

/** Data files read at run time from beside the code, copied into dist/ (and so into the package). */
const DATA_FILES = ['modules/review/corpus.json', 'modules/replay/html/page.js', 'modules/replay/html/page.css'];

/** The synth app `npm run synth` and the cdktf app run: dist/main.js bundled into one file. */
const SYNTH_APP = path.join('dist', 'synth-app.js');

/**
 * Bundles the compiled synth app (dist/main.js with the config layer, the modules, yaml, zod and
 * adm-zip) into dist/synth-app.js, so a synth loads one file instead of about 260 modules (measured:
 * about a tenth of an example synth's CPU time). cdktf, constructs and the provider stay external: the
 * app and the provider classes must share one cdktf. Not in the package: a consumer composes the
 * library's modules, and the package's bin runs dist/cli. The source map (read only when an error is
 * reported, see main.ts) points into dist/ and from there to the TypeScript.
 */
function bundleSynthApp(root) {
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'dist/main.js')],
    outfile: path.join(root, SYNTH_APP),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['cdktf', 'constructs', '@cdktf/provider-aws', 'esbuild'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/**
 * Removes compiled files whose TypeScript source is gone (a moved or deleted module): tsc never
 * deletes outputs, and `files` in package.json would ship them.
 */
function pruneStaleOutputs(root) {
  const dist = path.join(root, 'dist');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
        continue;
      }
      const compiled = /^(.*)\.(js|d\.ts|d\.ts\.map)$/.exec(path.relative(dist, full));
      if (!compiled || compiled[1] === 'synth-app' || compiled[1].endsWith('handler.bundle') || DATA_FILES.includes(`${compiled[1]}.js`)) continue;
      if (!fs.existsSync(path.join(root, `${compiled[1]}.ts`))) fs.rmSync(full);
    }
  };
  walk(dist);
}

/** Runs tsc on tsconfig.build.json; returns its exit status. */
function build(root = ROOT) {
  const started = new Date();
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = require('node:child_process').spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  pruneStaleOutputs(root);
  // Data files the compiled code reads beside itself (tsc copies only what is imported).
  for (const file of DATA_FILES) {
    fs.mkdirSync(path.dirname(path.join(root, 'dist', file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(root, 'dist', file));
  }
  // The per-event notification handler, bundled from its sources once here (the package ships it, so
  // a synth never runs esbuild): the same options as a checkout's synth, so the same bytes and hash.
  const { buildSync } = require('esbuild');
  const { bundleOptions } = require(path.join(root, 'dist/modules/event-notifications/bundle.js'));
  const handler = buildSync(bundleOptions(path.join(root, 'modules/event-notifications/handler/index.ts'), root));
  fs.writeFileSync(path.join(root, 'dist/modules/event-notifications/handler.bundle.js'), handler.outputFiles[0].text);
  bundleSynthApp(root);
  const stamp = path.join(root, STAMP);
  fs.writeFileSync(stamp, `built by scripts/build.cjs at ${started.toISOString()}\n`);
  // A source saved while tsc ran is newer than the stamp, so the next run builds again.
  fs.utimesSync(stamp, started, started);
  return 0;
}

module.exports = { isStale, build, newestSourceMtime, STAMP };

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) process.exit(0);
  if (ifStale) process.stderr.write('trailwatch: sources are newer than dist/, building (npm run build) ...\n');
  process.exitCode = build();
}
