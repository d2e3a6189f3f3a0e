/**
 * `trailwatch review` end to end: spawns the real CLI (bin/trailwatch.js) on plan JSON made by real
 * Terraform (modules/review/__tests__/fixtures/plans), as the pipeline script does.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { review } from '../review';

const ROOT = path.resolve(__dirname, '../..');
const PLANS = 'modules/review/__tests__/fixtures/plans';

function trailwatch(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trailwatch.js', 'review', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('trailwatch review', () => {
  it('writes the Markdown comment to stdout and exits 0 without --fail-on', () => {
    const r = trailwatch(`${PLANS}/acme-prod.create.json`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<!-- trailwatch-review -->\n## trailwatch review: 1 stack, 0 stop signs/);
    expect(r.stderr).toBe('trailwatch review: 1 plan, 0 stop signs\n');
  });

  it('--out writes the file; --fail-on exits 2 when a gate trips and says so in the comment and on stderr', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-')), 'review.md');
    const r = trailwatch(`${PLANS}/acme-sandbox.create.json`, `${PLANS}/acme-prod.create.json`, '--out', out, '--fail-on', 'stateful-destroy,stop-sign');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--fail-on stateful-destroy,stop-sign tripped; exit code 2');
    expect(fs.readFileSync(out, 'utf8')).toContain('**Check failed:** `stop-sign` (acme-sandbox).');
  });

  it('--fail-on passes (exit 0) when no such change is present', () => {
    const r = trailwatch(`${PLANS}/acme-prod.create.json`, '--fail-on', 'stateful-destroy,weakening');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('**Check passed:** nothing matched `--fail-on stateful-destroy,weakening`.');
  });

  it('gates the update plans made against the emulator: weakening fails, tightening passes the weakening gate', () => {
    const weak = trailwatch(`${PLANS}/acme-prod.weakening.json`, '--fail-on', 'weakening');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('trailwatch review: 1 plan, 8 stop signs');
    expect(trailwatch(`${PLANS}/acme-prod.benign.json`, '--fail-on', 'stateful-destroy,stop-sign,weakening').status).toBe(0);
    expect(trailwatch(`${PLANS}/acme-prod.benign.json`, '--fail-on', 'detection-change').status).toBe(2);
    expect(trailwatch(`${PLANS}/acme-prod.nochange.json`, '--fail-on', 'any-change').status).toBe(0);
  });

  it('rejects an unknown gate, a missing file and a file that is not a plan, naming it, with exit 1', () => {
    const unknown = trailwatch(`${PLANS}/acme-prod.create.json`, '--fail-on', 'stateful-destroy,everything');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--fail-on stateful-destroy,everything: unknown everything; use a comma-separated list of stateful-destroy, stop-sign, weakening');
    const missing = trailwatch('no-such-plan.json');
    expect(missing).toMatchObject({ status: 1, stdout: '' });
    expect(missing.stderr).toContain('no-such-plan.json: cannot be read (ENOENT)');
    const notPlan = trailwatch('package.json');
    expect(notPlan.status).toBe(1);
    expect(notPlan.stderr).toContain('package.json: not the JSON of a saved plan (no format_version); make it with `terraform show -json <planfile>`');
  });

  it('reviews 100 environments in under 3 s and keeps the comment under 65,536 characters, saying what it left out', () => {
    const files = Array.from({ length: 100 }, (_, i) => `${PLANS}/${['acme-prod', 'acme-sandbox', 'globex-prod'][i % 3]}.create.json`).map((f) => path.join(ROOT, f));
    const started = process.hrtime.bigint();
    const { markdown, reviews } = review(files);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(reviews).toHaveLength(100);
    expect(seconds).toBeLessThan(3);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(65536);
    expect(markdown).toContain('## trailwatch review: 100 stacks, 66 stop signs');
    expect(markdown).toMatch(/\*\*TRUNCATED: \d+ more lines of this review are not shown\*\*/);
  });
});

describe('README "Review in pull requests"', () => {
  it('shows the comment the command makes from the weakening update plan, verbatim', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- review-example:start -->\n<details open><summary>[^<]*<\/summary>\n\n([\s\S]*?)\n\n<\/details>\n<!-- review-example:end -->/.exec(readme);
    expect(block).not.toBeNull();
    const r = trailwatch(`${PLANS}/acme-prod.weakening.json`, '--fail-on', 'stateful-destroy,weakening');
    expect(r.status).toBe(2);
    expect(block![1]).toBe(r.stdout.replace(/\n+$/, ''));
  });
});
