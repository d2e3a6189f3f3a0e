#!/usr/bin/env node
// `trailwatch ...`: runs the compiled CLI (dist/cli). In a checkout of the sources (not an installed
// package) whose dist/ is missing or older than a source, runs the TypeScript through tsx instead, so
// the command never runs stale code; `npm run build` makes it fast again.
'use strict';
const path = require('node:path');

function cli() {
  const root = path.join(__dirname, '..');
  if (require('node:fs').existsSync(path.join(root, 'tsconfig.build.json')) && require(path.join(root, 'scripts', 'build.cjs')).isStale(root)) {
    require('tsx/cjs');
    return require(path.join(root, 'cli', 'index.ts'));
  }
  return require('../dist/cli/index.js');
}

cli()
  .buildProgram()
  .parseAsync(process.argv)
  .catch((e) => {
    if (!(typeof e.code === 'string' && e.code.startsWith('commander.'))) process.stderr.write(`trailwatch: ${e.message}\n`);
    process.exitCode = e.exitCode ?? 1;
  });
