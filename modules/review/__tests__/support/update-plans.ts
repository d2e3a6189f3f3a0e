/**
 * Makes the update-plan fixtures with real Terraform against the AWS emulator (moto), through the e2e
 * harness (e2e/: moto, emulated accounts, the emulator copy of a stack, Terraform workspaces):
 * acme-prod as it is today is applied, then each scenario's changed stack (update-scenarios.ts) is
 * planned against that state, and so is the unchanged stack (which must plan no change).
 *
 * The plans are of the emulator copy: the same resources, values and addresses as the synthesized
 * stack, with provider endpoints pointed at the emulator and the documented emulator workarounds
 * (e2e/emulator-stack.ts), identical before and after, so they never show up as a change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadFile } from '../../../../config/load';
import { registerAccounts } from '../../../../e2e/accounts';
import { startMoto } from '../../../../e2e/moto';
import { accountsOf, createPrerequisites, importsOf } from '../../../../e2e/prerequisites';
import { EmulatorWorkspace } from '../../../../e2e/workspace';
import { BASE_CONFIG, SCENARIOS, synthScenario } from './update-scenarios';

export const PLAN_FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'plans');

/** Saves a plan of the workspace's current copy and returns `terraform show -json` of it. */
async function savedPlan(ws: EmulatorWorkspace, label: string): Promise<unknown> {
  const file = path.join(ws.dir, `${label}.tfplan`);
  await ws.terraform(['plan', '-input=false', '-no-color', `-out=${file}`], `plan-${label}`);
  const shown = await ws.terraform(['show', '-json', '-no-color', file], `show-${label}`);
  return JSON.parse(shown.output);
}

/** [fixture name, plan JSON] for the unchanged stack and every scenario. */
export async function writeUpdatePlans(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<[string, unknown][]> {
  const { env, problems } = loadFile(BASE_CONFIG);
  if (!env) throw new Error(problems.join('\n'));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-review-fixtures-'));
  const emulator = await startMoto({ logFile: path.join(runDir, 'moto.log') });
  try {
    const credentials = await registerAccounts(emulator.endpoint, accountsOf(env));
    for (const line of await createPrerequisites(env, emulator.endpoint, credentials)) log(`prerequisite: ${line}`);
    const ws = await EmulatorWorkspace.prepare(synthScenario(), { endpoint: emulator.endpoint, credentials }, path.join(runDir, 'acme-prod'));
    for (const { address, id } of importsOf(env, ws.emulatorCopy.config)) await ws.import(address, id);
    const applied = await ws.apply();
    log(`applied acme-prod to the emulator: ${applied.added} added (${applied.run.seconds.toFixed(0)} s)`);
    const plans: [string, unknown][] = [['acme-prod.nochange.json', await savedPlan(ws, 'nochange')]];
    for (const scenario of SCENARIOS) {
      await ws.update(synthScenario(scenario));
      plans.push([scenario.fixture, await savedPlan(ws, path.basename(scenario.fixture, '.json'))]);
      log(`planned ${scenario.fixture}`);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
    return plans;
  } catch (e) {
    log(`logs kept in ${runDir}`);
    throw e;
  } finally {
    await emulator.stop();
  }
}
