/**
 * scripts/pipeline.sh with the real Terraform CLI, offline: a stack of `terraform_data` resources (no
 * provider, no cloud) goes through plan -> review -> apply as in the pipeline templates; apply refuses
 * a plan nobody reviewed and a plan that differs from the reviewed one. The same script runs against
 * the AWS emulator for a real trailwatch stack in the e2e run. Also: bash -n and, where installed,
 * shellcheck.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTerraform } from '../../__tests__/support/terraform';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/pipeline.sh');
const maybe = findTerraform() || process.env.CI === 'true' ? it : it.skip;

function stack(dir: string, value: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    terraform: { backend: { local: { path: path.join(dir, 'terraform.tfstate') } } },
    resource: { terraform_data: { marker: { input: value } } },
  };
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(config));
}

function pipeline(args: string[], env: Record<string, string>) {
  const r = spawnSync('bash', [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/pipeline.sh', () => {
  it('is valid bash and passes shellcheck where shellcheck is installed', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
    const sc = spawnSync('shellcheck', [SCRIPT], { encoding: 'utf8' });
    if (sc.error) return; // not installed here
    expect(sc.stdout).toBe('');
    expect(sc.status).toBe(0);
  });

  it('prints its usage and exits 64 without a command', () => {
    expect(pipeline([], {})).toMatchObject({ status: 64, stderr: expect.stringContaining('usage:') });
  });

  maybe('plans, reviews and applies the reviewed plan; refuses an unreviewed or changed plan', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-sh-'));
    const stackDir = path.join(work, 'stack');
    const planDir = path.join(work, 'plans');
    const env = { TRAILWATCH_STACK_DIR: stackDir, TRAILWATCH_PLAN_DIR: planDir };
    stack(stackDir, 'one');

    const noReview = pipeline(['apply', 'demo'], env);
    expect(noReview.status).toBe(3);
    expect(noReview.stderr).toContain('refusing to apply a plan nobody reviewed');

    expect(pipeline(['plan', 'demo'], env).status).toBe(0);
    expect(fs.existsSync(path.join(planDir, 'demo.tfplan'))).toBe(true);
    const planJson = JSON.parse(fs.readFileSync(path.join(planDir, 'demo.plan.json'), 'utf8'));
    expect(planJson.resource_changes.map((r: any) => [r.address, r.change.actions])).toEqual([['terraform_data.marker', ['create']]]);

    const review = pipeline(['review'], { ...env, TRAILWATCH_FAIL_ON: 'stateful-destroy' });
    expect(review.status).toBe(0);
    expect(fs.readFileSync(path.join(planDir, 'review.md'), 'utf8')).toContain('| demo | 1 | 0 | 0 | 0 | 0 | 0 |');

    // The config changes after the review: the new plan differs, so apply refuses and changes nothing.
    stack(stackDir, 'two');
    const changed = pipeline(['apply', 'demo'], env);
    expect(changed.status).toBe(3);
    expect(changed.stderr).toContain('the plan of demo now differs from the reviewed one');
    expect(fs.existsSync(path.join(stackDir, 'terraform.tfstate'))).toBe(false);

    // Back to the reviewed config: the new plan equals the reviewed one and is applied.
    stack(stackDir, 'one');
    const applied = pipeline(['apply', 'demo'], env);
    expect(applied.stderr).toContain('applied the reviewed plan of demo');
    expect(applied.status).toBe(0);
    const state = JSON.parse(fs.readFileSync(path.join(stackDir, 'terraform.tfstate'), 'utf8'));
    expect(state.resources[0].instances[0].attributes.input).toEqual({ type: 'string', value: 'one' });
    fs.rmSync(work, { recursive: true, force: true });
  });
});
