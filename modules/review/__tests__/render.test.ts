/** The comment's size limit: what goes first, and that it always says so. */
import { renderComment } from '../render';
import { reviewFixture } from './support/plans';

const weakening = reviewFixture('acme-prod.weakening.json');
const full = renderComment([weakening]);

describe('renderComment size limit', () => {
  it('keeps everything when it fits', () => {
    expect(full).toContain('<summary>All 28 resource changes');
    expect(full).toContain('```diff');
    expect(full).not.toMatch(/are left out to keep this comment|TRUNCATED/);
  });

  it('drops the resource lists first, then the folded details, and says so', () => {
    const noLists = renderComment([weakening], { limit: full.length - 1 });
    expect(noLists).not.toContain('resource changes (');
    expect(noLists).toContain('```diff');
    expect(noLists).toContain('The folded lists of resource changes are left out');
    expect(noLists.length).toBeLessThan(full.length);

    const plain = renderComment([weakening], { limit: noLists.length - 1 });
    expect(plain).not.toContain('<details>');
    expect(plain).toContain('Folded details (pattern diffs, policy statements, resource lists) are left out');
    expect(plain).toContain('#### Policies');
    expect(plain.length).toBeLessThan(noLists.length);
  });

  it('cuts whole lines from the end as a last resort, keeping the summary and stop signs, and says how many', () => {
    const cut = renderComment([weakening], { limit: 1500 });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1500);
    expect(cut).toContain('#### 🛑 Stop signs');
    expect(cut).toMatch(/\*\*TRUNCATED: \d+ more lines of this review are not shown\*\*/);
  });
});
