/**
 * Runs the real Terraform CLI, offline, on synthesized stacks: `terraform init` against a
 * filesystem mirror of the hashicorp/aws provider, `validate`, and `plan` with fake credentials.
 *
 * Where the provider comes from, in order:
 *   1. TF_PROVIDER_MIRROR: a filesystem mirror folder (the one holding `registry.terraform.io/`);
 *   2. a mirror discovered on this machine (the development machines carry one);
 *   3. the public registry, for users with network access.
 * Under CI=true a missing terraform binary is a failure, never a skip.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';

const PROVIDER_PATH = 'registry.terraform.io/hashicorp/aws/5.100.0';
const PROVIDER_BINARY = 'terraform-provider-aws_v5.100.0_x5';
const MIRROR_CANDIDATES = [
  '/opt/tf-plugins',
  '/usr/share/terraform/plugins',
  '/usr/local/share/terraform/plugins',
  path.join(os.homedir(), '.terraform.d/plugins'),
  path.join(os.homedir(), '.local/share/terraform/plugins'),
];

function platformDir(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}_${arch}`;
}

function hasProvider(mirror: string): boolean {
  return fs.existsSync(path.join(mirror, PROVIDER_PATH, platformDir(), PROVIDER_BINARY));
}

/** The filesystem mirror to use, or undefined to fall back to the public registry. */
export function findProviderMirror(): string | undefined {
  const configured = process.env.TF_PROVIDER_MIRROR;
  if (configured) {
    if (!hasProvider(configured)) {
      throw new Error(
        `TF_PROVIDER_MIRROR=${configured} does not contain ${PROVIDER_PATH}/${platformDir()}/${PROVIDER_BINARY}`,
      );
    }
    return configured;
  }
  return MIRROR_CANDIDATES.find(hasProvider);
}

/** The terraform binary on PATH, or undefined. */
export function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'terraform');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Whether real-Terraform tests can run here. Under CI=true, a missing terraform or provider mirror
 * throws: CI must never go green by skipping the deepest check we have.
 */
export function terraformAvailable(): boolean {
  const terraform = findTerraform();
  const mirror = safeMirror();
  if (process.env.CI === 'true') {
    if (!terraform) throw new Error('CI=true but terraform is not on PATH');
    if (!mirror) throw new Error(`CI=true but no filesystem mirror of ${PROVIDER_PATH} was found; set TF_PROVIDER_MIRROR`);
  }
  return terraform !== undefined;
}

function safeMirror(): string | undefined {
  try {
    return findProviderMirror();
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    return undefined;
  }
}

/** Writes (once per process) the CLI config that points Terraform at the mirror, and returns its path. */
export function cliConfigFile(): string {
  const mirror = safeMirror();
  const dir = path.join(os.tmpdir(), 'trailwatch-terraform');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `cli-${mirror ? 'mirror' : 'registry'}.tfrc`);
  // The mirror doubles as the plugin cache: `terraform init` then links the ~700 MB provider binary
  // into .terraform instead of copying it, once per working directory. Nothing is written to the
  // cache on a hit; the lock file is written from the mirror's own package hashes.
  const body = mirror
    ? [
        `plugin_cache_dir = ${JSON.stringify(mirror)}`,
        'plugin_cache_may_break_dependency_lock_file = true',
        'provider_installation {',
        `  filesystem_mirror {`,
        `    path    = ${JSON.stringify(mirror)}`,
        `    include = ["registry.terraform.io/hashicorp/aws"]`,
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n')
    : 'provider_installation {\n  direct {}\n}\n';
  fs.writeFileSync(file, body);
  return file;
}

/** Points every Terraform run of this process (including cdktf's own matchers) at our CLI config. */
export function useTerraformCliConfig(): void {
  process.env.TF_CLI_CONFIG_FILE = cliConfigFile();
  process.env.TF_IN_AUTOMATION = '1';
  process.env.CHECKPOINT_DISABLE = '1';
}

function run(args: string[], cwd: string): string {
  try {
    return execFileSync('terraform', args, {
      cwd,
      env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile(), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      stdio: 'pipe',
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${err.stderr ?? ''}\n${err.stdout ?? ''}`);
  }
}

/**
 * Copies a synthesized stack into a fresh working directory prepared for offline use:
 * - the backend is replaced by a local one (override file);
 * - every AWS provider gets fake static credentials and the skip_* flags (override file);
 * - `assume_role` blocks are removed from the copy, because assuming a role needs STS. An override
 *   file cannot remove a nested block, so this one edit is made to the copied JSON itself;
 * - `allowed_account_ids` is removed from the copy too: with fake credentials and
 *   skip_requesting_account_id the provider knows no account ID, and refuses every plan that
 *   configures it ("AWS account ID not allowed") once the stack has resources.
 */
export function prepareWorkingDir(stackJson: string, name = 'stack'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trailwatch-tf-${name}-`));
  const config = JSON.parse(stackJson) as Record<string, any>;
  const providers: Record<string, any>[] = ([] as any[]).concat(config.provider?.aws ?? []);
  for (const p of providers) {
    delete p.assume_role;
    delete p.allowed_account_ids;
  }
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
  const override = {
    terraform: { backend: { local: { path: path.join(dir, 'terraform.tfstate') } } },
    provider: {
      aws: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        access_key: 'AKIAIOSFODNN7EXAMPLE',
        secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      })),
    },
  };
  fs.writeFileSync(path.join(dir, 'zz_offline_override.tf.json'), JSON.stringify(override, null, 2));
  return dir;
}

/** `terraform init` + `terraform validate -json` on synthesized JSON; throws with the diagnostics. */
export function validateJson(stackJson: string, name?: string): void {
  const dir = prepareWorkingDir(stackJson, name);
  let result: { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string }[] };
  try {
    run(['init', '-input=false', '-no-color'], dir);
    result = JSON.parse(run(['validate', '-json', '-no-color'], dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!result.valid) {
    const lines = result.diagnostics.map((d) => `${d.severity}: ${d.summary} ${d.detail ?? ''}`);
    throw new Error(`terraform validate failed for ${name ?? 'stack'}:\n${lines.join('\n')}`);
  }
}

/** `terraform init` + `terraform plan` offline; returns the plan as JSON (`terraform show -json`). */
export function planJson(stackJson: string, name?: string): TerraformPlan {
  const dir = prepareWorkingDir(stackJson, name);
  try {
    run(['init', '-input=false', '-no-color'], dir);
    run(['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'], dir);
    return JSON.parse(run(['show', '-json', 'plan.bin'], dir)) as TerraformPlan;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The parts of `terraform show -json` that tests read. */
export interface TerraformPlan {
  resource_changes?: { address: string; type: string; change: { actions: string[]; after: Record<string, unknown> } }[];
  planned_values?: unknown;
}

/** Synthesizes a stack (with cdktf validations) and validates it with real Terraform. */
export function validateStack(stack: TerraformStack): void {
  validateJson(Testing.synth(stack, true), stack.node.id);
}

/** Synthesizes a stack (with cdktf validations) and plans it offline with real Terraform. */
export function planStack(stack: TerraformStack): TerraformPlan {
  return planJson(Testing.synth(stack, true), stack.node.id);
}
