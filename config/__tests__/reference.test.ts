import * as fs from 'node:fs';
import { CONFIG_REFERENCE_FILE, REFERENCE_END, REFERENCE_START, renderConfigReference, withConfigReference } from '../reference';

describe(`config reference in ${CONFIG_REFERENCE_FILE}`, () => {
  it('is in sync with the schema (run `npm run docs` after changing the config schema)', () => {
    const doc = fs.readFileSync(CONFIG_REFERENCE_FILE, 'utf8');
    expect(doc).toContain(REFERENCE_START);
    expect(doc).toBe(withConfigReference(doc));
  });

  it('is no longer embedded in the README, where a second copy would go stale', () => {
    expect(fs.readFileSync('README.md', 'utf8')).not.toContain(REFERENCE_START);
  });

  it('refuses a document without the markers instead of writing nothing', () => {
    expect(() => withConfigReference('# no markers\n')).toThrow(/no config-reference markers/);
  });

  it('lists every top-level field with its default or required marker', () => {
    const table = renderConfigReference();
    expect(table).toContain('| `managementAccountId` | string | **required** |');
    expect(table).toContain('| `namingPrefix` | string | `"trailwatch"` |');
    expect(table.endsWith(REFERENCE_END)).toBe(true);
  });
});
