/** `trailwatch init`: its argument and options (one per question); the command itself (cli/init.ts) loads when it runs. */
import type { Command } from 'commander';
import type { Flags } from '../init';
import { NAMING_PREFIX_QUESTION, QUESTIONS } from '../init-questions';

const collectList = (value: string, previous: string[] = []) => [...previous, value];

export function registerInit(program: Command): void {
  const command = program
    .command('init')
    .description('write a new environment file (config/<name>.yaml) from flags, asking on standard input for what the flags leave out')
    .argument('[file]', 'file to write (never overwritten)', undefined);
  for (const q of [...QUESTIONS, NAMING_PREFIX_QUESTION]) {
    if (q.list) command.option(`${q.flag} <value>`, `${q.prompt} (repeatable)`, collectList);
    else command.option(`${q.flag} <value>`, q.prompt);
  }
  command
    .option('--no-prompt', 'never ask: fail naming the flags that are missing')
    .action((file: string | undefined, flags: Flags) => {
      // Loaded here, not at the top: the config layer (yaml, zod) is for this command only.
      const { initCommand } = require('../init') as typeof import('../init');
      return initCommand(file, flags);
    });
}
