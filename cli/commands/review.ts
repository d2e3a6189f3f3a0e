/** `trailwatch review`: its arguments and options; the command itself (cli/review.ts) loads when it runs. */
import type { Command } from 'commander';
import type { ReviewCliOptions } from '../review';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('say what saved Terraform plans change for security, as Markdown for a pull-request comment')
    .argument('<plans...>', 'JSON of saved plans (`terraform show -json <planfile>`), one per stack')
    .option('--out <file>', 'write the Markdown to this file instead of stdout')
    .option('--fail-on <list>', 'exit 2 when one of these is found: stateful-destroy, stop-sign, weakening, detection-change, routing-change, policy-change, any-change')
    .action((files: string[], options: ReviewCliOptions) => {
      // Loaded here, not at the top: the review engine is for this command only.
      const { reviewCommand } = require('../review') as typeof import('../review');
      reviewCommand(files, options);
    });
}
