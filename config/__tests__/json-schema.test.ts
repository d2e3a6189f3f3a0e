import * as fs from 'node:fs';
import { SCHEMA_FILE, renderJsonSchema } from '../json-schema';
import { exampleFiles } from './examples';

describe('config/schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing it)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderJsonSchema());
  });

  it('is referenced by every example environment file so editors validate them', () => {
    const files = exampleFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      expect(fs.readFileSync(f, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });

  it('forbids unknown top-level keys and documents every top-level field', () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    for (const [field, def] of Object.entries<any>(schema.properties)) {
      expect([field, typeof def.description]).toEqual([field, 'string']);
    }
  });
});
