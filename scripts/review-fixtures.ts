/**
 * `npm run review-fixtures`: makes the plan JSON that modules/review's tests read, with real
 * Terraform and the real hashicorp/aws provider (offline mirror, __tests__/support/terraform.ts):
 *
 * - `<env>.create.json`: the create-plan of each example environment (config/*.yaml), offline.
 * - `acme-prod.update.json` / `acme-prod.benign.json`: update plans. acme-prod is applied to the
 *   local AWS emulator (moto), its config is changed (review-scenarios.ts says how and why), and it is
 *   planned again against the applied state.
 *
 * Only `planned_values`, `configuration`, `prior_state` and `relevant_attributes` are dropped from the
 * files (the review reads none of them, and they are three quarters of the size); everything else is
 * `terraform show -json` output as Terraform wrote it.
 * Usage: `npm run review-fixtures [-- --create-only | --update-only]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { loadEnvironmentsOrThrow } from '../config/load';
import { EnvironmentStack } from '../stacks/environment-stack';
import { planJson } from '../__tests__/support/terraform';
import { PLAN_FIXTURES_DIR, writeUpdatePlans } from '../modules/review/__tests__/support/update-plans';

export function slim(plan: Record<string, unknown>): Record<string, unknown> {
  const { planned_values: _p, configuration: _c, prior_state: _s, relevant_attributes: _r, ...rest } = plan;
  return rest;
}

function writeFixture(name: string, plan: unknown): void {
  const file = path.join(PLAN_FIXTURES_DIR, name);
  fs.writeFileSync(file, `${JSON.stringify(slim(plan as Record<string, unknown>))}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

async function main(): Promise<void> {
  fs.mkdirSync(PLAN_FIXTURES_DIR, { recursive: true });
  if (!process.argv.includes('--update-only')) {
    for (const { env } of loadEnvironmentsOrThrow('config')) {
      const json = Testing.synth(new EnvironmentStack(new App(), env), true);
      writeFixture(`${env.name}.create.json`, planJson(json, env.name));
    }
  }
  if (process.argv.includes('--create-only')) return;
  for (const [name, plan] of await writeUpdatePlans()) writeFixture(name, plan);
}

main().catch((e: unknown) => {
  process.stderr.write(`review-fixtures: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
