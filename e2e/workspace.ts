/**
 * Applies and plans one synthesized stack against the emulator with the real Terraform CLI.
 *
 *   const ws = await EmulatorWorkspace.prepare('cdktf.out/stacks/trailwatch-acme-prod', target, workDir);
 *   await ws.apply();            // terraform apply
 *   (await ws.plan()).changes;   // terraform plan -detailed-exitcode: false when nothing would change
 *   await ws.update(newStackDir) // a later synth of the same stack, same state: plan an update
 *
 * The working folder holds the emulator copy (`cdk.tf.json`, see emulator-stack.ts), the local
 * state and one log file per Terraform command (`<n>-<command>.log`). The provider is installed from
 * the filesystem mirror the offline tests use (__tests__/support/terraform.ts), never downloaded when
 * a mirror is on the machine.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFile, findTerraform } from '../__tests__/support/terraform';
import type { AccountCredentialsMap } from './accounts';
import { emulatorStack, type EmulatorStack, type EmulatorWorkaround } from './emulator-stack';

/** Where and as whom a stack is applied. */
export interface EmulatorTarget {
  readonly endpoint: string;
  readonly credentials: AccountCredentialsMap;
  /** Workarounds for the copy (default: all of EMULATOR_WORKAROUNDS). */
  readonly workarounds?: readonly EmulatorWorkaround[];
}

export interface TerraformRun {
  readonly code: number;
  readonly output: string;
  readonly seconds: number;
  readonly logFile: string;
}

export class TerraformError extends Error {
  constructor(readonly command: string, readonly run: TerraformRun) {
    super(`terraform ${command} failed (exit ${run.code}, log ${run.logFile}):\n${errorLines(run.output)}`);
    this.name = 'TerraformError';
  }
}

/** The `Error:` blocks of Terraform's output (what to read first), or its tail. */
export function errorLines(output: string, max = 40): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => /^(│ )?Error: /.test(l));
  return (start >= 0 ? lines.slice(start, start + max) : lines.slice(-max)).join('\n');
}

let privateCliConfig: string | undefined;

/**
 * A private copy of the offline tests' CLI config (filesystem mirror, plugin cache). That file is
 * rewritten by every test process that runs Terraform, and a Terraform started while it is being
 * rewritten reads it empty and goes to the public registry; a copy of our own cannot change under us.
 */
function cliConfig(): string {
  if (privateCliConfig) return privateCliConfig;
  let body = '';
  for (let attempt = 0; attempt < 50 && !body.includes('provider_installation'); attempt++) {
    body = fs.readFileSync(cliConfigFile(), 'utf8');
  }
  if (!body.includes('provider_installation')) throw new Error(`cannot read a Terraform CLI config from ${cliConfigFile()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-e2e-tfrc-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  privateCliConfig = path.join(dir, 'terraform.tfrc');
  fs.writeFileSync(privateCliConfig, body);
  return privateCliConfig;
}

/** The environment of every Terraform command: mirror CLI config, no real AWS credentials or profile. */
function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('TF_')) env[k] = v;
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig(),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // No shared config/credentials files: every provider gets its credentials from the copy.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

export interface PlanResult {
  /** True when the plan would change something (`-detailed-exitcode` 2). */
  readonly changes: boolean;
  /** One line per resource that would change (`# address will be updated in-place`), with changed attributes. */
  readonly summary: string[];
  readonly run: TerraformRun;
}

export interface ApplyResult {
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  readonly run: TerraformRun;
}

/** A resource instance of the state. */
export interface StateResource {
  /** `type.name` (with `[key]` for counted resources). */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** The provider configuration, e.g. `provider["registry.terraform.io/hashicorp/aws"].log_archive`. */
  readonly provider: string;
  /** Attribute values as stored (blocks are lists of objects). */
  readonly values: Record<string, any>;
}

interface RawStateResource {
  mode: string;
  type: string;
  name: string;
  provider: string;
  instances: { index_key?: string | number; attributes: Record<string, any> }[];
}

export class EmulatorWorkspace {
  private commands = 0;
  private constructor(
    readonly dir: string,
    readonly target: EmulatorTarget,
    private copy: EmulatorStack,
  ) {}

  /** The emulator copy currently written, with the workarounds it carries. */
  get emulatorCopy(): EmulatorStack {
    return this.copy;
  }

  get statePath(): string {
    return path.join(this.dir, 'terraform.tfstate');
  }

  /**
   * Writes the emulator copy of `stackDir/cdk.tf.json` into `workDir` (created if missing) and runs
   * `terraform init`. A workDir that already holds state keeps it.
   */
  static async prepare(stackDir: string, target: EmulatorTarget, workDir: string): Promise<EmulatorWorkspace> {
    if (!findTerraform()) throw new Error('terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)');
    fs.mkdirSync(workDir, { recursive: true });
    const ws = new EmulatorWorkspace(path.resolve(workDir), target, { config: {}, applied: [] });
    ws.writeCopy(stackDir);
    await ws.terraform(['init', '-input=false', '-no-color'], 'init');
    return ws;
  }

  /** Replaces the copy by that of a new synthesis of the same stack, keeping the state (for update plans). */
  async update(stackDir: string): Promise<void> {
    this.writeCopy(stackDir);
    await this.terraform(['init', '-input=false', '-no-color'], 'init');
  }

  private writeCopy(stackDir: string): void {
    const source = path.join(stackDir, 'cdk.tf.json');
    this.copy = emulatorStack(fs.readFileSync(source, 'utf8'), {
      endpoint: this.target.endpoint,
      credentials: this.target.credentials,
      statePath: this.statePath,
      workarounds: this.target.workarounds,
    });
    fs.writeFileSync(path.join(this.dir, 'cdk.tf.json'), JSON.stringify(this.copy.config, null, 2));
  }

  /** Runs one Terraform command in the workspace; rejects with TerraformError unless its exit code is in okCodes. */
  terraform(args: string[], label: string, okCodes: readonly number[] = [0]): Promise<TerraformRun> {
    const logFile = path.join(this.dir, `${String(++this.commands).padStart(2, '0')}-${label}.log`);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn('terraform', args, { cwd: this.dir, env: terraformEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', (code) => {
        const output = Buffer.concat(chunks).toString('utf8');
        fs.writeFileSync(logFile, `$ terraform ${args.join(' ')}\n${output}`);
        const run = { code: code ?? -1, output, seconds: (Date.now() - started) / 1000, logFile };
        if (okCodes.includes(run.code)) resolve(run);
        else reject(new TerraformError(args[0], run));
      });
    });
  }

  /** `terraform import ADDRESS ID`: adopts something that exists into the state (e.g. an existing bucket). */
  async import(address: string, id: string): Promise<TerraformRun> {
    return this.terraform(['import', '-input=false', '-no-color', address, id], 'import');
  }

  async apply(): Promise<ApplyResult> {
    const run = await this.terraform(['apply', '-input=false', '-no-color', '-auto-approve'], 'apply');
    const m = /Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(run.output);
    return { added: Number(m?.[1] ?? 0), changed: Number(m?.[2] ?? 0), destroyed: Number(m?.[3] ?? 0), run };
  }

  async plan(extraArgs: string[] = []): Promise<PlanResult> {
    const run = await this.terraform(['plan', '-input=false', '-no-color', '-detailed-exitcode', ...extraArgs], 'plan', [0, 2]);
    return { changes: run.code === 2, summary: planSummary(run.output), run };
  }

  async destroy(): Promise<ApplyResult> {
    const run = await this.terraform(['destroy', '-input=false', '-no-color', '-auto-approve'], 'destroy');
    const m = /Resources: (\d+) destroyed/.exec(run.output);
    return { added: 0, changed: 0, destroyed: Number(m?.[1] ?? 0), run };
  }

  /** `terraform output -json`, as plain values by output name. */
  async outputs(): Promise<Record<string, unknown>> {
    const run = await this.terraform(['output', '-json', '-no-color'], 'output');
    const raw = JSON.parse(run.output || '{}') as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.value]));
  }

  /**
   * Every managed resource in the state, with its attribute values. Reads the local state file
   * itself (format version 4) rather than `terraform show -json`, which starts the provider.
   */
  stateResources(): StateResource[] {
    if (!fs.existsSync(this.statePath)) return [];
    const state = JSON.parse(fs.readFileSync(this.statePath, 'utf8')) as { version: number; resources?: RawStateResource[] };
    if (state.version !== 4) throw new Error(`unexpected Terraform state format version ${state.version} in ${this.statePath}`);
    return (state.resources ?? [])
      .filter((r) => r.mode === 'managed')
      .flatMap((r) =>
        r.instances.map((i) => ({
          address: `${r.type}.${r.name}${i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`}`,
          type: r.type,
          name: r.name,
          provider: r.provider,
          values: i.attributes,
        })),
      );
  }
}

/** The resource headers and changed-attribute lines of a plan's text output. */
export function planSummary(output: string, max = 60): string[] {
  const lines = output.split('\n');
  const picked: string[] = [];
  for (const line of lines) {
    if (/^\s+# \S+ (will|must) be /.test(line) || /^\s+[~+-] \w[\w-]* +=/.test(line) || /^Plan: /.test(line)) picked.push(line.trimEnd());
    if (picked.length >= max) break;
  }
  return picked;
}
