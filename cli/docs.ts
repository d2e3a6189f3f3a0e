/** `trailwatch docs` (`npm run docs`): rewrites the generated parts of the README and config/schema.json. */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { SCHEMA_FILE, renderJsonSchema } from '../config/json-schema';
import { withConfigReference } from '../config/reference';

export const README_FILE = 'README.md';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description(`regenerate ${SCHEMA_FILE} and the config reference in ${README_FILE} from the config schema`)
    .action(() => {
      fs.writeFileSync(SCHEMA_FILE, renderJsonSchema());
      fs.writeFileSync(README_FILE, withConfigReference(fs.readFileSync(README_FILE, 'utf8')));
      process.stdout.write(`wrote ${SCHEMA_FILE} and the config reference in ${README_FILE}\n`);
    });
}
