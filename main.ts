/**
 * cdktf entry point (`npm run synth`, `npx cdktf synth|diff|deploy`): validates every environment
 * config under TRAILWATCH_CONFIG (default `config/`), then synthesizes one stack per environment.
 * Invalid input exits non-zero with one line per problem, and writes nothing: the app is built in a
 * scratch folder that is moved into the output folder only when every environment succeeded, keeping
 * each stack's `.terraform/` and lock file (stacks/output-folder.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { DEFAULT_CONFIG_PATH, loadEnvironments } from './config/load';
import { stackName } from './config/naming';
import { BuildError, buildApp } from './stacks/build-app';
import { committedLockFile, installSynth } from './stacks/output-folder';
import { DEBUG_VARIABLE, tokenTracesWanted, withoutTokenCreationTraces } from './stacks/token-creation-traces';

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
  try {
    // Without cdktf's token creation traces (read only when a token fails to resolve): 12-15% less CPU for 100 environments.
    withoutTokenCreationTraces(() => buildApp(environments, new App({ outdir: scratch })).synth());
  } catch (e) {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (e instanceof BuildError) return fail(e.problems, 'problem');
    if (!tokenTracesWanted()) process.stderr.write(`trailwatch: the synth failed; for where each cdktf token was created, run it again with ${DEBUG_VARIABLE}=1\n`);
    throw e;
  }
  // The cdktf CLI sets CDKTF_CONTEXT_JSON when it runs the app, and removes orphaned stack folders itself.
  const underCdktfCli = process.env.CDKTF_CONTEXT_JSON !== undefined;
  const removed = installSynth(scratch, outdir, { underCdktfCli, lockFile: committedLockFile() });
  const names = environments.map((e) => e.env.name).join(', ');
  const source = process.env.TRAILWATCH_CONFIG || DEFAULT_CONFIG_PATH;
  process.stdout.write(
    `trailwatch: synthesized ${environments.length} environment${environments.length === 1 ? '' : 's'} from ${source} into ${path.relative(process.cwd(), outdir) || '.'}: ${names}\n` +
      (removed.length ? `trailwatch: removed the stack folders of environments no longer in ${source}: ${removed.join(', ')}\n` : '') +
      // Under the cdktf CLI, `cdktf diff|deploy <stack>` prints "Could not find stack" for a stack of
      // another config: say where to look. `npm run synth` has named the environments already.
      (underCdktfCli ? `trailwatch: stacks of ${source}: ${environments.map((e) => stackName(e.env)).join(', ')} (for a stack of other config files, set TRAILWATCH_CONFIG to them)\n` : ''),
  );
  return 0;
}

// Run from a fresh task, not inside the module loader: cdktf records a stack trace per token, and a
// shallow stack (no loader frames below main) makes each of those thousands of traces cheaper.
setImmediate(() => {
  process.exitCode = main();
});
