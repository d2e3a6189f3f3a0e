/** `trailwatch docs` (`npm run docs`): rewrites config/schema.json and the config reference in docs/configuration.md. */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { SCHEMA_FILE as SchemaFile } from '../../config/json-schema';
import type { CONFIG_REFERENCE_FILE as ConfigReferenceFile } from '../../config/reference';

/** config/json-schema.ts SCHEMA_FILE and config/reference.ts CONFIG_REFERENCE_FILE, restated so that registering the command does not load zod. */
const SCHEMA_FILE: typeof SchemaFile = 'config/schema.json';
const CONFIG_REFERENCE_FILE: typeof ConfigReferenceFile = 'docs/configuration.md';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description(`regenerate ${SCHEMA_FILE} and the config reference in ${CONFIG_REFERENCE_FILE} from the config schema`)
    .action(() => {
      // Loaded here, not at the top: zod would slow every other command's start.
      const { renderJsonSchema } = require('../../config/json-schema') as typeof import('../../config/json-schema');
      const { withConfigReference } = require('../../config/reference') as typeof import('../../config/reference');
      fs.writeFileSync(SCHEMA_FILE, renderJsonSchema());
      fs.writeFileSync(CONFIG_REFERENCE_FILE, withConfigReference(fs.readFileSync(CONFIG_REFERENCE_FILE, 'utf8')));
      process.stdout.write(`wrote ${SCHEMA_FILE} and the config reference in ${CONFIG_REFERENCE_FILE}\n`);
    });
}
