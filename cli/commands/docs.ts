/** `trailwatch docs` (`npm run docs`): rewrites the generated parts of the README and config/schema.json. */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { SCHEMA_FILE as SchemaFile } from '../../config/json-schema';

export const README_FILE = 'README.md';
/** config/json-schema.ts SCHEMA_FILE, restated so that registering the command does not load zod. */
const SCHEMA_FILE: typeof SchemaFile = 'config/schema.json';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description(`regenerate ${SCHEMA_FILE} and the config reference in ${README_FILE} from the config schema`)
    .action(() => {
      // Loaded here, not at the top: zod would slow every other command's start.
      const { renderJsonSchema } = require('../../config/json-schema') as typeof import('../../config/json-schema');
      const { withConfigReference } = require('../../config/reference') as typeof import('../../config/reference');
      fs.writeFileSync(SCHEMA_FILE, renderJsonSchema());
      fs.writeFileSync(README_FILE, withConfigReference(fs.readFileSync(README_FILE, 'utf8')));
      process.stdout.write(`wrote ${SCHEMA_FILE} and the config reference in ${README_FILE}\n`);
    });
}
