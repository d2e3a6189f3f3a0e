/** `trailwatch replay`: its arguments and options; the command itself (cli/replay.ts) loads when it runs. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { COMPLIANCE_MODES } from '../../modules/detections/catalogue/entry';
import type { ReplayCliOptions } from '../replay';

function positiveInt(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number (0 or more)');
  return n;
}

/** CloudTrail delivers within minutes; a day is far beyond any delay worth modelling. */
export const MAX_DELIVERY_DELAY_SECONDS = 86_400;

function delaySeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_DELIVERY_DELAY_SECONDS) {
    throw new InvalidArgumentError(`must be a whole number of seconds from 0 to ${MAX_DELIVERY_DELAY_SECONDS}, e.g. 300 for CloudTrail's typical five minutes`);
  }
  return n;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('evaluate detections against CloudTrail logs (S3 delivery .json.gz, Event history / Lake exports, CloudWatch Logs exports) and show what would have alarmed')
    .argument('<paths...>', 'log files or folders (read recursively)')
    .option('--env <environment>', 'environment name (from TRAILWATCH_CONFIG or config/) or config file: replay its enabled detections')
    .addOption(new Option('--mode <mode>', 'compliance mode of the built-in patterns when --env is not given').choices([...COMPLIANCE_MODES]).default('securityHub'))
    .option('--json', 'print the report as JSON')
    .option('--html <file>', 'also write the report as one self-contained HTML page with a chart per alarm (no network needed to view it)')
    .option('--samples <n>', 'matching events listed per detection (0 for none)', positiveInt, 5)
    .option(
      '--delivery-delay <seconds>',
      'added to eventTime for inputs without a CloudWatch Logs timestamp, to model CloudTrail\'s batched delivery (typically a few minutes)',
      delaySeconds,
      0,
    )
    .action((paths: string[], options: ReplayCliOptions) => {
      // Loaded here, not at the top: the detections, the pattern engine and the replay engine are for this command only.
      const { replayCommand } = require('../replay') as typeof import('../replay');
      return replayCommand(paths, options);
    });
}
