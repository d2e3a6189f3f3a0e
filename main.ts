/**
 * cdktf entry point (`npm run synth`, `npx cdktf synth|diff|deploy`): validates every environment
 * config under TRAILWATCH_CONFIG (default `config/`), then synthesizes one stack per environment.
 * Invalid input exits non-zero with one line per problem, and writes nothing: the app is built in a
 * scratch folder that replaces the output folder only when every environment succeeded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { loadEnvironments } from './config/load';
import { BuildError, buildApp } from './stacks/build-app';

function fail(problems: readonly string[], what: string): number {
  const s = problems.length === 1 ? '' : 's';
  process.stderr.write(`trailwatch: ${problems.length} ${what}${s}, nothing was synthesized:\n${problems.join('\n')}\n`);
  return 1;
}

function main(): number {
  const { environments, problems, warnings = [] } = loadEnvironments();
  if (problems.length > 0) return fail(problems, 'config problem');
  for (const w of warnings) process.stderr.write(`trailwatch: warning: ${w}\n`);

  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const scratch = fs.mkdtempSync(`${outdir}.tmp-`);
  // cdktf records a stack trace for every token it creates; with source maps on (tsx turns them on)
  // each trace is source-mapped, which is a third of a large synth. Traces are formatted lazily, so
  // turning source maps back on before an error escapes still gives it mapped positions.
  process.setSourceMapsEnabled(false);
  try {
    buildApp(environments, new App({ outdir: scratch })).synth();
  } catch (e) {
    process.setSourceMapsEnabled(true);
    fs.rmSync(scratch, { recursive: true, force: true });
    if (e instanceof BuildError) return fail(e.problems, 'problem');
    throw e;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.renameSync(scratch, outdir);
  const names = environments.map((e) => e.env.name).join(', ');
  process.stdout.write(`trailwatch: synthesized ${environments.length} environment${environments.length === 1 ? '' : 's'} into ${path.relative(process.cwd(), outdir) || '.'}: ${names}\n`);
  return 0;
}

// Run from a fresh task, not inside the module loader: cdktf records a stack trace per token, and a
// shallow stack (no loader frames below main) makes each of those thousands of traces cheaper.
setImmediate(() => {
  process.exitCode = main();
});
