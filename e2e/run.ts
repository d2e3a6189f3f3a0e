/**
 * `npm run e2e`: applies every example environment (environments.ts) with real `terraform apply`
 * against the moto AWS emulator, re-plans each (must show no changes), runs the post-apply checks
 * (e2e/checks/*.ts), destroys the destroyable ones and proves nothing of them remains, and prints a
 * table. Exits non-zero on any failure, and when moto or terraform is missing (saying how to install).
 *
 * Environment variables: E2E_ONLY=<name,...> runs only those environments; E2E_KEEP=1 keeps the run
 * folder (working folders, logs, moto log) even on success; E2E_PYTHON picks the Python with moto.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { logBucketAccount } from '../config/naming';
import { clientFor, registerAccounts, type AccountCredentialsMap } from './accounts';
import type { CheckContext } from './check-context';
import { discoverChecks, runChecks, type CheckResult, type NamedCheck } from './checks';
import { E2E_ENVIRONMENTS, type E2eEnvironment } from './environments';
import { findLeftovers } from './leftovers';
import { MOTO_INSTALL_HINT, motoVersion, startMoto } from './moto';
import { accountsOf, createPrerequisites, importsOf } from './prerequisites';
import { synthesize, type SynthesizedEnvironment } from './synth';
import { EmulatorWorkspace } from './workspace';
import { findTerraform } from '../__tests__/support/terraform';

interface EnvironmentResult {
  readonly name: string;
  resources?: number;
  created?: number;
  /** Wall-clock seconds of `terraform apply` alone. */
  applySeconds?: number;
  /** Wall-clock seconds of the whole environment: prerequisites, init, apply, plan, checks, destroy. */
  seconds?: number;
  plan?: string;
  checks: CheckResult[];
  destroy: string;
  failures: string[];
  workarounds: string[];
}

const ROOT = path.resolve(__dirname, '..');

function log(env: string, message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stdout.write(`${t} [${env}] ${message}\n`);
}

async function runEnvironment(
  spec: E2eEnvironment,
  synthesized: SynthesizedEnvironment,
  endpoint: string,
  credentials: AccountCredentialsMap,
  checks: readonly NamedCheck[],
  runDir: string,
): Promise<EnvironmentResult> {
  const { env } = synthesized;
  const result: EnvironmentResult = { name: env.name, checks: [], destroy: spec.destroy ? 'not run' : '-', failures: [], workarounds: [] };
  const started = Date.now();
  try {
    for (const line of await createPrerequisites(env, endpoint, credentials)) log(env.name, `prerequisite: ${line}`);

    const ws = await EmulatorWorkspace.prepare(synthesized.stackDir, { endpoint, credentials }, path.join(runDir, synthesized.stackName));
    result.workarounds = ws.emulatorCopy.applied.map((a) => `${a.workaround.id} (${a.resources})`);
    log(env.name, `emulator copy in ${ws.dir}; workarounds: ${result.workarounds.join(', ') || 'none'}`);

    for (const { address, id } of importsOf(env, ws.emulatorCopy.config)) {
      await ws.import(address, id);
      log(env.name, `imported ${id} as ${address}`);
    }
    const applied = await ws.apply();
    result.created = applied.added;
    result.applySeconds = applied.run.seconds;
    log(env.name, `apply: ${applied.added} added, ${applied.changed} changed in ${applied.run.seconds.toFixed(0)} s`);

    const resources = ws.stateResources();
    result.resources = resources.length;
    const plan = await ws.plan();
    result.plan = plan.changes ? 'CHANGES' : 'no changes';
    if (plan.changes) {
      result.failures.push(`second plan shows changes (${plan.run.logFile}):\n  ${plan.summary.join('\n  ')}`);
    }
    log(env.name, `second plan: ${result.plan}`);

    const ctx: CheckContext = {
      endpoint,
      credentials,
      environment: env,
      configFile: spec.config,
      stackName: synthesized.stackName,
      stackDir: synthesized.stackDir,
      workspace: ws,
      outputs: await ws.outputs(),
      resources,
      client: (accountId = env.managementAccountId, region = env.homeRegion) => clientFor(endpoint, credentials, accountId, region),
    };
    result.checks = await runChecks(checks, ctx);
    for (const c of result.checks) {
      log(env.name, `check ${c.name}: ${c.passed ? 'passed' : 'FAILED'}: ${c.summary}`);
      if (!c.passed) result.failures.push(`check ${c.name}: ${c.summary}${c.details ? `\n  ${c.details.join('\n  ')}` : ''}`);
    }

    if (spec.destroy) {
      const destroyed = await ws.destroy();
      const after = ws.stateResources();
      const leftovers = await findLeftovers(resources, (a, r) => clientFor(endpoint, credentials, a, r), () => [logBucketAccount(env), env.homeRegion]);
      const problems = [
        ...(after.length ? [`${after.length} resources still in the state`] : []),
        ...leftovers.remaining,
      ];
      for (const gap of leftovers.emulatorGaps) log(env.name, `destroy: ${gap}`);
      result.destroy = problems.length
        ? 'LEFTOVERS'
        : `${destroyed.destroyed} destroyed, ${leftovers.checked} verified gone${leftovers.emulatorGaps.length ? ` (${leftovers.emulatorGaps.length} via emulator gap)` : ''}${leftovers.unchecked.length ? ` (unchecked: ${leftovers.unchecked.join(', ')})` : ''}`;
      if (problems.length) result.failures.push(`destroy left resources behind:\n  ${problems.join('\n  ')}`);
      log(env.name, `destroy: ${result.destroy}`);
    }
  } catch (e) {
    result.failures.push((e as Error).message);
    log(env.name, `FAILED: ${(e as Error).message.split('\n')[0]}`);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

function table(rows: EnvironmentResult[]): string {
  const header = ['environment', 'resources', 'created', 'apply s', 'total s', 'second plan', 'checks', 'destroy'];
  const body = rows.map((r) => [
    r.name,
    r.resources === undefined ? '-' : String(r.resources),
    r.created === undefined ? '-' : String(r.created),
    r.applySeconds === undefined ? '-' : r.applySeconds.toFixed(0),
    r.seconds === undefined ? '-' : r.seconds.toFixed(0),
    r.plan ?? 'not run',
    r.checks.length ? `${r.checks.filter((c) => c.passed).length}/${r.checks.length} passed` : '-',
    r.destroy,
  ]);
  const lines = [header, header.map(() => '---'), ...body];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const version = motoVersion();
  if (!version) {
    process.stderr.write(`e2e: ${MOTO_INSTALL_HINT}\n`);
    return 1;
  }
  if (!findTerraform()) {
    process.stderr.write('e2e: terraform is not on PATH: install Terraform >= 1.10\n');
    return 1;
  }
  const only = process.env.E2E_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const specs = E2E_ENVIRONMENTS.filter((s) => !only || only.some((o) => s.config.includes(o)));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-e2e-'));
  process.stdout.write(`e2e: moto ${version}, ${specs.length} environments, run folder ${runDir}\n`);

  const synthesized = synthesize(specs.map((s) => path.join(ROOT, s.config)), path.join(runDir, 'cdktf.out'));
  const checks = await discoverChecks();
  const emulator = await startMoto({ logFile: path.join(runDir, 'moto.log') });
  let results: EnvironmentResult[] = [];
  try {
    process.stdout.write(`e2e: emulator at ${emulator.endpoint}; checks: ${checks.map((c) => c.name).join(', ') || 'none'}\n`);
    const credentials = await registerAccounts(emulator.endpoint, synthesized.flatMap((s) => accountsOf(s.env)));
    process.stdout.write(`e2e: registered accounts ${[...credentials.keys()].join(', ')}\n`);
    results = await Promise.all(specs.map((spec, i) => runEnvironment(spec, synthesized[i], emulator.endpoint, credentials, checks, runDir)));
  } finally {
    await emulator.stop();
  }

  const failed = results.filter((r) => r.failures.length > 0);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  process.stdout.write(`\n${table(results)}\n\n`);
  for (const r of results) if (r.workarounds.length) process.stdout.write(`${r.name}: emulator workarounds: ${r.workarounds.join(', ')}\n`);
  for (const r of failed) process.stdout.write(`\n${r.name} FAILED:\n${r.failures.map((f) => `- ${f}`).join('\n')}\n`);
  process.stdout.write(`\ne2e: ${results.length - failed.length}/${results.length} environments passed in ${((Date.now() - started) / 1000).toFixed(0)} s (load average ${load}, ${os.cpus().length} cores)\n`);
  if (failed.length === 0 && !process.env.E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  else process.stdout.write(`e2e: logs kept in ${runDir}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`e2e: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
