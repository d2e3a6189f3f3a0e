/**
 * The documented cdktf CLI path (`npx cdktf synth | diff | deploy`), with the real CLI: synthesizing
 * after the set of environments changed keeps working, keeps Terraform's `.terraform/` and lock file,
 * and `cdktf diff` gets as far as Terraform (which then stops at the missing AWS credentials).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDir, validYaml } from '../config/__tests__/helpers';
import { cliConfigFile, terraformAvailable } from './support/terraform';

const ROOT = path.resolve(__dirname, '..');
const CDKTF = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
const maybe = terraformAvailable() ? it : it.skip;

function cdktf(args: string[], config: string, outdir: string) {
  const result = spawnSync(CDKTF, [...args, '--output', outdir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      TRAILWATCH_CONFIG: config,
      CHECKPOINT_DISABLE: '1',
      CI: 'true', // no spinner
      TF_CLI_CONFIG_FILE: cliConfigFile(),
      TF_IN_AUTOMATION: '1',
      // No AWS credentials at all, and no instance metadata to look for them: Terraform stops at once.
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: path.join(os.tmpdir(), 'trailwatch-no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'trailwatch-no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') };
}

describe('the cdktf CLI (node_modules/.bin/cdktf)', () => {
  maybe('synth, then diff after an environment was removed, then diff of a stack that only another config has', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-cli-')), 'cdktf.out');
    const both = configDir({ 'a.yaml': validYaml('env-a'), 'b.yaml': validYaml('env-b', '210987654321') });
    const onlyA = configDir({ 'a.yaml': validYaml('env-a') });

    const first = cdktf(['synth'], both, outdir);
    expect([first.status, first.output]).toEqual([0, expect.stringContaining('Generated Terraform code for the stacks: trailwatch-env-a, trailwatch-env-b')]);

    // What `terraform init` leaves in a stack folder, which a synth must keep.
    const stackA = path.join(outdir, 'stacks', 'trailwatch-env-a');
    fs.mkdirSync(path.join(stackA, '.terraform', 'providers'), { recursive: true });
    fs.writeFileSync(path.join(stackA, '.terraform', 'providers', 'marker'), 'installed');
    const lock = '# This file is maintained automatically by "terraform init".\n';
    fs.writeFileSync(path.join(stackA, '.terraform.lock.hcl'), lock);

    // `cdktf diff` synthesizes first: env-b is gone (the CLI removes its folder without ENOENT), and
    // the diff reaches `terraform init`, which stops at the S3 backend's missing credentials.
    const diff = cdktf(['diff', 'trailwatch-env-a'], onlyA, outdir);
    expect(diff.output).not.toContain('ENOENT');
    expect(diff.output).toContain(`trailwatch: synthesized 1 environment from ${onlyA}`);
    expect(diff.output).toMatch(/trailwatch-env-a\s+Initializing the backend/);
    expect(diff.output).toMatch(/No valid credential sources found/);
    expect(diff.status).not.toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['trailwatch-env-a']);
    expect(fs.readFileSync(path.join(stackA, '.terraform', 'providers', 'marker'), 'utf8')).toBe('installed');
    expect(fs.readFileSync(path.join(stackA, '.terraform.lock.hcl'), 'utf8')).toBe(lock);

    // A stack of another config: the CLI's own error, preceded by the app's list of the stacks it has.
    const missing = cdktf(['diff', 'trailwatch-env-b'], onlyA, outdir);
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/trailwatch: stacks of .*: trailwatch-env-a \(for a stack of other config files, set TRAILWATCH_CONFIG to them\)[\s\S]*Could not find stack: trailwatch-env-b/);
  }, 240_000);
});
