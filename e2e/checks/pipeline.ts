/**
 * The pipeline templates' script runs against the emulator: `scripts/pipeline.sh plan <stack>` on the
 * applied environment's emulator copy (its Terraform folder, state and emulator endpoints), then
 * `review` (trailwatch review of the saved plan) and `apply` (plans again, compares with the reviewed
 * plan, applies it). Just after an apply the plan must change nothing, the review must say so, and
 * the apply must go through; the same script, unchanged, is what GitHub and GitLab run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFile } from '../../__tests__/support/terraform';
import type { CheckContext, CheckOutcome } from '../check-context';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A private copy of the offline tests' Terraform CLI config, as e2e/workspace.ts makes for itself:
 * the shared file is rewritten by every process that runs Terraform, and read while empty it sends
 * Terraform to the public registry.
 */
function privateCliConfig(dir: string): string {
  let body = '';
  for (let attempt = 0; attempt < 50 && !body.includes('provider_installation'); attempt++) body = fs.readFileSync(cliConfigFile(), 'utf8');
  if (!body.includes('provider_installation')) throw new Error(`cannot read a Terraform CLI config from ${cliConfigFile()}`);
  const file = path.join(dir, 'terraform.tfrc');
  fs.writeFileSync(file, body);
  return file;
}

/** Like the workspace's Terraform runs: the mirror's CLI config, and no AWS credentials from outside. */
function pipelineEnv(stackDir: string, planDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('TF_')) env[k] = v;
  return {
    ...env,
    TF_CLI_CONFIG_FILE: privateCliConfig(planDir),
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    TRAILWATCH_STACK_DIR: stackDir,
    TRAILWATCH_PLAN_DIR: planDir,
    TRAILWATCH_FAIL_ON: 'stateful-destroy,weakening',
  };
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const planDir = fs.mkdtempSync(path.join(os.tmpdir(), `pipeline-${ctx.stackName}-`));
  const env = pipelineEnv(ctx.workspace.dir, planDir);
  const run = (...args: string[]) => spawnSync('bash', [path.join(ROOT, 'scripts/pipeline.sh'), ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const problems: string[] = [];
  const step = (name: string, r: ReturnType<typeof run>) => {
    if (r.status !== 0) problems.push(`pipeline.sh ${name} exited ${r.status}: ${r.stderr.split('\n').filter((l) => /Error|refus|pipeline\.sh/.test(l)).slice(0, 8).join(' | ')}`);
    return r.status === 0;
  };

  if (step('plan', run('plan', ctx.stackName))) {
    const plan = JSON.parse(fs.readFileSync(path.join(planDir, `${ctx.stackName}.plan.json`), 'utf8')) as { resource_changes?: { address: string; change: { actions: string[] } }[] };
    const changing = (plan.resource_changes ?? []).filter((r) => !r.change.actions.every((a) => a === 'no-op' || a === 'read'));
    if (changing.length > 0) problems.push(`the plan right after apply changes ${changing.map((r) => r.address).join(', ')}`);
    if (step('review', run('review'))) {
      const review = fs.readFileSync(path.join(planDir, 'review.md'), 'utf8');
      if (!review.includes(`No changes: ${ctx.environment.name}.`)) problems.push(`review.md does not say "No changes: ${ctx.environment.name}."`);
    }
    step('apply', run('apply', ctx.stackName));
  }
  fs.rmSync(planDir, { recursive: true, force: true });
  return {
    passed: problems.length === 0,
    summary: problems.length ? `scripts/pipeline.sh failed for ${ctx.stackName}` : `scripts/pipeline.sh plan, review and apply of ${ctx.stackName}: no change, reviewed, applied`,
    details: problems,
  };
}
