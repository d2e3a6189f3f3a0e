/**
 * `npx trailwatch init`, as a user runs it: from flags, from piped answers and on a terminal. The file
 * it writes validates and synthesizes; a bad answer is refused with the config-loading message.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { loadEnvironments, loadEnvironmentsOrThrow } from '../../config/load';
import { configDir, validYaml } from '../../config/__tests__/helpers';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { schemaReference } from '../init-yaml';

const ROOT = path.resolve(__dirname, '..', '..');

function init(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/trailwatch.js'), 'init', ...args], { cwd: ROOT, encoding: 'utf8', input: input ?? '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-init-test-')), name);

const FLAGS = [
  '--name', 'initech-prod',
  '--organization-id', 'o-1n1tech0pr0d',
  '--management-account-id', '888888888888',
  '--home-region', 'us-east-2',
  '--state-bucket', 'initech-tfstate',
  '--email', 'security@initech.example',
  '--https', 'https://alerts.initech.example/hooks/trailwatch',
];
const withFlag = (flag: string, value: string) => {
  const i = FLAGS.indexOf(flag);
  return i >= 0 ? [...FLAGS.slice(0, i + 1), value, ...FLAGS.slice(i + 2)] : [...FLAGS, flag, value];
};

function synthesize(file: string) {
  const [loaded] = loadEnvironmentsOrThrow(file);
  return { env: loaded.env, json: JSON.parse(Testing.synth(new EnvironmentStack(new App(), loaded.env), true)) };
}

describe('trailwatch init from flags', () => {
  it('writes a commented environment file that validates and synthesizes, with a $schema line that resolves from where it is', () => {
    const file = tmpFile('initech-prod.yaml');
    const r = init([file, ...FLAGS, '--log-archive-account-id', '999999999999']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`wrote ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text.split('\n')[0])?.[1];
    expect(fs.existsSync(path.resolve(path.dirname(file), schemaRef!))).toBe(true);
    expect(path.resolve(path.dirname(file), schemaRef!)).toBe(path.join(ROOT, 'config', 'schema.json'));
    // Every document section a comment points to exists (docs/<file>.md, "<heading>").
    const pointers = [...text.matchAll(/(docs\/[\w-]+\.md), "([^"]+)"/g)];
    expect(pointers.length).toBeGreaterThan(0);
    for (const [, doc, heading] of pointers) expect([doc, fs.readFileSync(path.join(ROOT, doc), 'utf8').split('\n').some((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === heading)]).toEqual([doc, true]);
    for (const section of ['deployment:', 'state:', 'alerting:']) {
      const before = text.split('\n')[text.split('\n').indexOf(section) - 1];
      expect([section, before.startsWith('#')]).toEqual([section, true]);
    }
    const { env, json } = synthesize(file);
    expect(env).toMatchObject({ name: 'initech-prod', namingPrefix: 'trailwatch', logArchiveAccountId: '999999999999', state: { region: 'us-east-2' } });
    expect(env.deployment.logArchive?.roleArn).toBe('arn:aws:iam::999999999999:role/TrailwatchDeploy');
    expect(Object.keys(json.resource.aws_cloudtrail)).toHaveLength(1);
    // No stutter: the default prefix, then the name.
    expect(Object.values<any>(json.resource.aws_sns_topic).map((t) => t.name)).toEqual(['trailwatch-initech-prod-security']);
    expect(Object.values<any>(json.resource.aws_sns_topic_subscription).map((s) => s.protocol).sort()).toEqual(['email', 'https']);
  });

  it('writes an existing-trail environment (Control Tower) that creates no trail', () => {
    const file = tmpFile('initech-ct.yaml');
    const r = init([file, ...withFlag('--name', 'initech-ct'), '--trail', 'existing', '--log-group-name', 'aws-controltower/CloudTrailLogs']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const { env, json } = synthesize(file);
    expect(env.existingTrail?.logGroupName).toBe('aws-controltower/CloudTrailLogs');
    expect(json.resource.aws_cloudtrail).toBeUndefined();
    for (const f of Object.values<any>(json.resource.aws_cloudwatch_log_metric_filter)) expect(f.log_group_name).toBe('aws-controltower/CloudTrailLogs');
  });

  it('writes <name>.yaml into the TRAILWATCH_CONFIG folder (default config/) when no file is given', () => {
    const dir = configDir({});
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/trailwatch.js'), 'init', ...FLAGS], { cwd: ROOT, encoding: 'utf8', input: '', env: { ...process.env, TRAILWATCH_CONFIG: dir } });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(loadEnvironments(dir).problems).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['initech-prod.yaml']);
  });

  // Each bad answer against the message config loading gives for the same value in a file.
  it.each([
    ['--organization-id', 'o-bad', 'organizationId: o-bad'],
    ['--management-account-id', '12345', 'managementAccountId: "12345"'],
    ['--home-region', 'mars-1', 'homeRegion: mars-1'],
    ['--name', 'Initech_Prod', 'name: Initech_Prod'],
  ])('refuses %s %s with the config-loading message and writes nothing', (flag, value, yamlLine) => {
    const field = yamlLine.split(':')[0];
    const dir = configDir({ 'env.yaml': validYaml().replace(new RegExp(`^${field}: .*$`, 'm'), yamlLine) });
    const loading = loadEnvironments(dir).problems.find((p) => p.includes(`: ${field}: `))!;
    const message = loading.replace(`${path.join(dir, 'env.yaml')}: `, '').replace(/ \(line \d+\)$/, '');
    const file = tmpFile('refused.yaml');
    const r = init([file, ...withFlag(flag, value)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`trailwatch: ${flag}: ${message}\n`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a subscriber that config loading refuses, a role in another account, and a prefix that would stutter', () => {
    expect(init([tmpFile('a.yaml'), ...withFlag('--email', 'not-an-address')]).stderr).toBe(
      'trailwatch: --email: alerting.topics[0].subscriptions[0].endpoint: "not-an-address" must be an email address (name@example.com)\n',
    );
    expect(init([tmpFile('b.yaml'), ...FLAGS, '--management-role-arn', 'arn:aws:iam::111111111111:role/Deploy']).stderr).toBe(
      'trailwatch: --management-role-arn: deployment.management.roleArn: must be a role in the management account 888888888888, not 111111111111\n',
    );
    expect(init([tmpFile('e.yaml'), ...FLAGS, '--log-group-name', 'aws-controltower/CloudTrailLogs', '--trail', 'create']).stderr).toBe(
      'trailwatch: --log-group-name does not go with --trail create\n',
    );
    expect(init([tmpFile('c.yaml'), ...FLAGS, '--naming-prefix', 'initech']).stderr).toMatch(/^trailwatch: --naming-prefix: namingPrefix: "initech" repeats the start of name "initech-prod"/);
  });

  it('never overwrites a file, and names the flags it needs when it may not ask', () => {
    const file = tmpFile('exists.yaml');
    fs.writeFileSync(file, 'keep me\n');
    expect(init([file, ...FLAGS]).stderr).toBe(`trailwatch: ${file} already exists: trailwatch init never overwrites a file; give another path\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me\n');
    const r = init([tmpFile('d.yaml'), '--name', 'initech-prod', '--no-prompt']);
    expect([r.status, r.stderr]).toEqual([1, expect.stringMatching(/^trailwatch: --organization-id is required/)]);
  });

  it('refuses a name another environment of the folder already has, naming the other file', () => {
    const dir = configDir({ 'other.yaml': validYaml('initech-prod', '777777777777') });
    const r = init([path.join(dir, 'new.yaml'), ...FLAGS]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'new.yaml')}: name "initech-prod" is already used by ${path.join(dir, 'other.yaml')}`);
    expect(fs.existsSync(path.join(dir, 'new.yaml'))).toBe(false);
  });
});

describe('the $schema line', () => {
  it('is ./schema.json for a file written into config/, and a relative path from anywhere else', () => {
    expect(schemaReference(path.join(ROOT, 'config', 'initech-prod.yaml'))).toBe('./schema.json');
    expect(schemaReference(path.join(ROOT, 'config', 'prod', 'initech.yaml'))).toBe('../schema.json');
  });
});

describe('trailwatch init asking questions', () => {
  const answers = ['initech-prod', 'o-bad', 'o-1n1tech0pr0d', '888888888888', 'us-east-2', 'existing', 'aws-controltower/CloudTrailLogs', '', 'initech-tfstate', '', '', 'security@initech.example', ''];

  it('reads answers piped one per line, re-asking a refused one with the config-loading message', () => {
    const file = tmpFile('piped.yaml');
    const r = init([file], `${answers.join('\n')}\n`);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('AWS Organizations ID (o-...): o-bad\n  organizationId: "o-bad" must be an AWS Organizations ID matching ^o-[a-z0-9]{10,32}$\nAWS Organizations ID (o-...): o-1n1tech0pr0d\n');
    expect(r.stdout).toContain('Region of the state bucket [us-east-2]: \n');
    const { env } = synthesize(file);
    expect(env).toMatchObject({ organizationId: 'o-1n1tech0pr0d', homeRegion: 'us-east-2', existingTrail: { logGroupName: 'aws-controltower/CloudTrailLogs' } });
  });

  it('fails naming the question when the input ends early', () => {
    const r = init([tmpFile('short.yaml')], 'initech-prod\n');
    expect([r.status, r.stderr]).toEqual([1, 'trailwatch: no answer for --organization-id (AWS Organizations ID (o-...)): input ended\n']);
  });

  it('prompts on a terminal (a pseudo-terminal)', async () => {
    // node-pty comes with the cdktf CLI (a dev dependency); it gives the child a real terminal.
    const pty = require('@cdktf/node-pty-prebuilt-multiarch') as typeof import('@cdktf/node-pty-prebuilt-multiarch');
    const file = tmpFile('terminal.yaml');
    const child = pty.spawn(process.execPath, [path.join(ROOT, 'bin/trailwatch.js'), 'init', file], { cwd: ROOT, env: process.env as Record<string, string> });
    const queue = [...answers];
    let output = '';
    let pending = '';
    const exitCode = await new Promise<number>((resolve) => {
      child.onData((data) => {
        output += data;
        pending += data;
        if (/: $/.test(pending)) {
          pending = '';
          const next = queue.shift();
          if (next !== undefined) child.write(`${next}\r`);
        }
      });
      child.onExit((e) => resolve(e.exitCode));
    });
    expect(exitCode).toBe(0);
    expect(output).toContain('organizationId: "o-bad" must be an AWS Organizations ID');
    expect(synthesize(file).env.name).toBe('initech-prod');
  }, 60_000);
});
