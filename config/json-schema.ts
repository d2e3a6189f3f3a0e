/**
 * The JSON Schema of an environment file, generated from the zod schema (the single source of
 * truth). Example files point at it with `# yaml-language-server: $schema=./schema.json`, so
 * editors validate and autocomplete them. `npm run schema` rewrites config/schema.json; a test fails
 * when the committed file is out of date.
 */
import { z } from 'zod';
import { environmentSchema } from './environment-schema';

/** Where the JSON Schema of environment files is written, relative to the project root. */
export const SCHEMA_FILE = 'config/schema.json';

/** The JSON Schema of an environment file, as the text of config/schema.json. */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  return `${JSON.stringify({ ...schema, title: 'trailwatch environment', $id: 'https://trailwatch.dev/schema/environment.json' }, null, 2)}\n`;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:fs').writeFileSync(SCHEMA_FILE, renderJsonSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
