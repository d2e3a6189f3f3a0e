import * as fs from 'node:fs';
import { REFERENCE_END, REFERENCE_START, renderConfigReference, withConfigReference } from '../reference';

describe('config reference in the README', () => {
  it('is in sync with the schema (run `npm run docs` after changing the config schema)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toContain(REFERENCE_START);
    expect(readme).toBe(withConfigReference(readme));
  });

  it('lists every top-level field with its default or required marker', () => {
    const table = renderConfigReference();
    expect(table).toContain('| `managementAccountId` | string | **required** |');
    expect(table).toContain('| `namingPrefix` | string | `"trailwatch"` |');
    expect(table.endsWith(REFERENCE_END)).toBe(true);
  });
});
