/**
 * `trailwatch` command line (`npx trailwatch <command>`, or `npm run <command>`). Parsing is
 * commander's; each command's arguments and options are in cli/commands/, and what it does (with the
 * libraries it needs) loads only when it runs, so `trailwatch --help` starts fast.
 */
import { Command } from 'commander';
import { registerCatalog } from './commands/catalog';
import { registerDocs } from './commands/docs';
import { registerInit } from './commands/init';
import { registerReplay } from './commands/replay';
import { registerReview } from './commands/review';

export function buildProgram(): Command {
  const program = new Command('trailwatch')
    .description('CloudTrail sign-in and CIS alarms for an AWS Organization, as CDK for Terraform')
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerDocs(program);
  registerCatalog(program);
  registerReplay(program);
  registerReview(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      const err = e as { exitCode?: number; code?: string; message?: string };
      // commander has already printed its own usage errors and help.
      if (typeof err.code === 'string' && err.code.startsWith('commander.')) process.exitCode = err.exitCode ?? 1;
      else {
        process.stderr.write(`trailwatch: ${err.message ?? String(e)}\n`);
        process.exitCode = 1;
      }
    });
}
