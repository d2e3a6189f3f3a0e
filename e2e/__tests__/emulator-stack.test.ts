/**
 * The emulator copy changes only what reaching the emulator needs (e2e/emulator-stack.ts): these
 * tests run without moto, on the synthesized example environments.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AccountCredentials } from '../accounts';
import { EMULATED_SERVICES, EMULATOR_WORKAROUNDS, emulatorStack, providerAccount } from '../emulator-stack';
import { accountsOf } from '../prerequisites';
import { synthesize, type SynthesizedEnvironment } from '../synth';

const ENDPOINT = 'http://127.0.0.1:4566';
let outdir: string;
let envs: SynthesizedEnvironment[];

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-e2e-test-'));
  envs = synthesize(['config/acme-prod.yaml', 'config/acme-sandbox.yaml', 'config/globex-prod.yaml'], outdir);
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function stackOf(name: string): { env: SynthesizedEnvironment; json: string } {
  const env = envs.find((e) => e.env.name === name)!;
  return { env, json: fs.readFileSync(path.join(env.stackDir, 'cdk.tf.json'), 'utf8') };
}

function credentialsFor(accounts: string[]): Map<string, AccountCredentials> {
  return new Map(accounts.map((a) => [a, { accountId: a, accessKeyId: `AKIA${a}0000`, secretAccessKey: `secret-${a}` }]));
}

describe.each(['acme-prod', 'acme-sandbox', 'globex-prod'])('emulator copy of %s', (name) => {
  it('keeps account pinning and role assumption, and gives each provider its own account credentials', () => {
    const { env, json } = stackOf(name);
    const original = JSON.parse(json);
    const { config } = emulatorStack(json, { endpoint: ENDPOINT, credentials: credentialsFor(accountsOf(env.env)), statePath: '/tmp/s.tfstate' });

    expect(config.terraform.backend).toEqual({ local: { path: '/tmp/s.tfstate' } });
    expect(config.terraform.required_providers).toEqual(original.terraform.required_providers);
    const providers = config.provider.aws as Record<string, any>[];
    expect(providers).toHaveLength(original.provider.aws.length);
    providers.forEach((p, i) => {
      const before = original.provider.aws[i];
      expect(p.allowed_account_ids).toEqual(before.allowed_account_ids);
      expect(p.assume_role).toEqual(before.assume_role);
      expect(p.region).toBe(before.region);
      expect(p.access_key).toBe(`AKIA${before.allowed_account_ids[0]}0000`);
      expect(p.skip_requesting_account_id).toBeUndefined();
      expect(p.skip_credentials_validation).toBeUndefined();
      expect(p.s3_use_path_style).toBe(true);
      expect(p.max_retries).toBeLessThanOrEqual(3);
      expect(Object.keys(p.endpoints[0]).sort()).toEqual([...EMULATED_SERVICES].sort());
      expect(new Set(Object.values(p.endpoints[0]))).toEqual(new Set([ENDPOINT]));
    });
  });

  it('changes no resource except through a listed workaround, and leaves the input alone', () => {
    const { env, json } = stackOf(name);
    const input = JSON.parse(json);
    const { config, applied } = emulatorStack(input, { endpoint: ENDPOINT, credentials: credentialsFor(accountsOf(env.env)), statePath: '/s' });
    expect(input).toEqual(JSON.parse(json));
    const untouched = emulatorStack(input, { endpoint: ENDPOINT, credentials: credentialsFor(accountsOf(env.env)), statePath: '/s', workarounds: [] });
    expect(untouched.config.resource).toEqual(input.resource);
    expect(Object.keys(config.resource)).toEqual(Object.keys(input.resource));
    expect(applied.map((a) => a.workaround.id)).toEqual(expect.arrayContaining(['cloudtrail-logging-off', 's3-policy-principal-star', 'sns-signature-version-ignored']));
  });
});

describe('workarounds', () => {
  const sandbox = () => stackOf('acme-sandbox');
  const copy = () => emulatorStack(sandbox().json, { endpoint: ENDPOINT, credentials: credentialsFor(accountsOf(sandbox().env.env)), statePath: '/s' }).config;

  it('rewrites "Principal": "*" to its equivalent {"AWS": "*"} and nothing else in bucket policies', () => {
    const before = JSON.parse(sandbox().json).resource.aws_s3_bucket_policy;
    const after = copy().resource.aws_s3_bucket_policy;
    for (const key of Object.keys(before)) {
      const b = JSON.parse(before[key].policy);
      const a = JSON.parse(after[key].policy);
      expect(a.Statement).toHaveLength(b.Statement.length);
      b.Statement.forEach((s: any, i: number) => {
        expect(a.Statement[i]).toEqual({ ...s, Principal: s.Principal === '*' ? { AWS: '*' } : s.Principal });
      });
      expect(JSON.stringify(a)).not.toContain('"Principal":"*"');
    }
  });

  it('keeps signature_version on topics (it is still sent) and only ignores its refresh', () => {
    for (const topic of Object.values<any>(copy().resource.aws_sns_topic)) {
      expect(topic.signature_version).toBe(2);
      expect(topic.lifecycle.ignore_changes).toEqual(['signature_version']);
    }
  });

  it('keeps prevent_destroy where the stack sets it', () => {
    const prod = stackOf('acme-prod');
    const config = emulatorStack(prod.json, { endpoint: ENDPOINT, credentials: credentialsFor(accountsOf(prod.env.env)), statePath: '/s' }).config;
    const trail = Object.values<any>(config.resource.aws_cloudtrail)[0];
    expect(trail.lifecycle).toEqual({ prevent_destroy: true });
    expect(trail.enable_logging).toBe(false);
  });

  it('orders bucket logging after the target bucket policy only when the stack does not already', () => {
    const workaround = EMULATOR_WORKAROUNDS.find((w) => w.id === 'bucket-logging-after-target-policy')!;
    const config = JSON.parse(sandbox().json);
    const logging = Object.values<any>(config.resource.aws_s3_bucket_logging)[0];
    const first = workaround.apply(config);
    const policyAddress = Object.entries<any>(config.resource.aws_s3_bucket_policy).find(([, p]) => p.bucket === logging.target_bucket)![0];
    expect(logging.depends_on).toContain(`aws_s3_bucket_policy.${policyAddress}`);
    expect(workaround.apply(config)).toBe(0);
    expect(first).toBeLessThanOrEqual(1);
  });

  it('documents every workaround with the emulator behaviour and what AWS does', () => {
    for (const w of EMULATOR_WORKAROUNDS) {
      expect(w.emulator.length).toBeGreaterThan(30);
      expect(w.aws.length).toBeGreaterThan(30);
    }
  });
});

describe('providerAccount', () => {
  it('requires exactly one allowed account', () => {
    expect(providerAccount({ allowed_account_ids: ['111111111111'] })).toBe('111111111111');
    expect(() => providerAccount({ alias: 'log_archive' })).toThrow(/aws\.log_archive must name exactly one allowed_account_ids/);
  });

  it('refuses a stack whose account has no emulator credentials', () => {
    const { json } = stackOf('globex-prod');
    expect(() => emulatorStack(json, { endpoint: ENDPOINT, credentials: credentialsFor(['444444444444']), statePath: '/s' })).toThrow(
      /no emulator credentials for account 555555555555 \(provider aws\.log_archive\)/,
    );
  });
});
