#!/usr/bin/env node
// `npx trailwatch ...`: runs the TypeScript CLI through tsx, with no build step.
require('tsx/cjs');
require('../cli/index.ts').buildProgram().parseAsync(process.argv).catch((e) => {
  if (!(typeof e.code === 'string' && e.code.startsWith('commander.'))) process.stderr.write(`trailwatch: ${e.message}\n`);
  process.exitCode = e.exitCode ?? 1;
});
