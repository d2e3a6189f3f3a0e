import * as path from 'node:path';
import { loadEnvironments, loadEnvironmentsOrThrow, ConfigError } from '../load';
import { exampleFiles } from './examples';
import { configDir, validYaml } from './helpers';

function problemsFor(yaml: string, file = 'env.yaml'): string[] {
  const dir = configDir({ [file]: yaml });
  return loadEnvironments(dir).problems.map((p) => p.replace(`${dir}${path.sep}`, ''));
}

function replaceLine(yaml: string, from: RegExp, to: string): string {
  if (!from.test(yaml)) throw new Error(`test bug: ${from} not in yaml`);
  return yaml.replace(from, to);
}

describe('environment config validation', () => {
  it('accepts the minimal valid environment and applies defaults', () => {
    const { environments, problems } = loadEnvironments(configDir({ 'env.yaml': validYaml() }));
    expect(problems).toEqual([]);
    expect(environments[0].env).toMatchObject({ namingPrefix: 'trailwatch', tags: {}, state: { keyPrefix: 'trailwatch' } });
    expect(environments[0].env.deployment.management.sessionName).toBe('trailwatch');
  });

  it('loads every example environment shipped in config/ without problems', () => {
    const { environments, problems } = loadEnvironments(exampleFiles());
    expect(problems).toEqual([]);
    expect(environments.map((e) => e.env.name).sort()).toEqual(['acme-prod', 'acme-sandbox', 'globex-prod', 'initech-controltower']);
    expect(new Set(environments.map((e) => e.env.organizationId)).size).toBe(4);
  });

  it('reports malformed YAML with its line', () => {
    expect(problemsFor('name: [unclosed\norganizationId: o-abcdefghij\n')).toEqual([
      expect.stringMatching(/^env\.yaml: malformed YAML at line \d+, column \d+: /),
    ]);
  });

  it('says where malformed YAML is once, without a dangling "at line 2, column 1:" at the end', () => {
    const [problem] = problemsFor('name: [unclosed\norganizationId: o-abcdefghij\n');
    expect(problem).toBe('env.yaml: malformed YAML at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('says what a missing state section needs, and that its bucket must exist before the first init', () => {
    const withoutState = validYaml().replace(/state:\n  bucket: .*\n  region: .*\n/, '');
    expect(problemsFor(withoutState)).toEqual([
      'env.yaml: state: is required; it must be a mapping with bucket (an existing S3 bucket for the Terraform state: create it, versioned, before the first terraform init / cdktf diff), region (the bucket\'s region) and optionally keyPrefix',
    ]);
  });

  it('reports a duplicated key as malformed YAML', () => {
    expect(problemsFor(`${validYaml()}name: again\n`)[0]).toMatch(/^env\.yaml: malformed YAML at line 11.*Map keys must be unique/);
  });

  it('names the file, the field, the value and what is allowed for an account ID of 5 digits', () => {
    const yaml = replaceLine(validYaml(), /managementAccountId: .*/, 'managementAccountId: "12345"');
    expect(problemsFor(yaml, 'acme-prod.yaml')).toContain(
      'acme-prod.yaml: managementAccountId: "12345" must be a 12-digit AWS account ID (line 3)',
    );
  });

  it('rejects an 11-digit account ID and an unquoted numeric one', () => {
    const eleven = replaceLine(validYaml(), /managementAccountId: .*/, 'managementAccountId: "12345678901"');
    expect(problemsFor(eleven)).toContain('env.yaml: managementAccountId: "12345678901" must be a 12-digit AWS account ID (line 3)');
    const bare = replaceLine(validYaml(), /managementAccountId: .*/, 'managementAccountId: 012345678901');
    expect(problemsFor(bare).join('\n')).toMatch(/managementAccountId: must be a 12-digit AWS account ID in quotes/);
  });

  it('rejects a typo in a field name and suggests the right one', () => {
    const yaml = replaceLine(validYaml(), /homeRegion:/, 'homeRegon:');
    const problems = problemsFor(yaml);
    expect(problems).toContainEqual(
      expect.stringMatching(/^env\.yaml: homeRegon: is not a known field \(a typo is never ignored\): did you mean "homeRegion"\? Allowed here: .*managementAccountId/),
    );
    expect(problems).toContain('env.yaml: homeRegion: is required; it must be an AWS region of the aws partition, e.g. us-east-1');
  });

  it('rejects unknown nested keys too', () => {
    const yaml = replaceLine(validYaml(), /  region: eu-central-1/, '  region: eu-central-1\n  lockTable: locks');
    expect(problemsFor(yaml)[0]).toMatch(/^env\.yaml: state\.lockTable: is not a known field .*Allowed here: bucket, keyPrefix, region/);
  });

  it('reports every missing required field in one run', () => {
    const problems = problemsFor('name: lonely\n');
    for (const field of ['organizationId', 'managementAccountId', 'homeRegion', 'deployment', 'state']) {
      expect(problems).toContainEqual(expect.stringContaining(`env.yaml: ${field}: is required`));
    }
  });

  it('rejects a malformed organization ID', () => {
    const yaml = replaceLine(validYaml(), /organizationId: .*/, 'organizationId: o-ABC');
    expect(problemsFor(yaml)).toContain('env.yaml: organizationId: "o-ABC" must be an AWS Organizations ID matching ^o-[a-z0-9]{10,32}$ (line 2)');
  });

  it('rejects an unknown region', () => {
    const yaml = replaceLine(validYaml(), /homeRegion: .*/, 'homeRegion: eu-middle-9');
    expect(problemsFor(yaml)).toContain('env.yaml: homeRegion: "eu-middle-9" must be an AWS region of the aws partition, e.g. us-east-1 (line 4)');
  });

  it('rejects a malformed role ARN and a role in the wrong account', () => {
    const bad = replaceLine(validYaml(), /roleArn: .*/, 'roleArn: arn:aws:iam::123:role/x');
    expect(problemsFor(bad)).toContain(
      'env.yaml: deployment.management.roleArn: "arn:aws:iam::123:role/x" must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name> (line 7)',
    );
    const other = replaceLine(validYaml(), /roleArn: .*/, 'roleArn: arn:aws:iam::999999999999:role/Deploy');
    expect(problemsFor(other)).toContain(
      'env.yaml: deployment.management.roleArn: "arn:aws:iam::999999999999:role/Deploy" must be a role in the management account 123456789012, not 999999999999 (line 7)',
    );
  });

  it('requires a role for the log-archive account when one is named', () => {
    const yaml = replaceLine(validYaml(), /homeRegion: .*/, 'homeRegion: eu-central-1\nlogArchiveAccountId: "210987654321"');
    expect(problemsFor(yaml)).toContainEqual(expect.stringMatching(/^env\.yaml: deployment\.logArchive: is required when logArchiveAccountId is set/));
  });

  it('rejects a log-archive role without a log-archive account', () => {
    const yaml = `${validYaml()}`.replace('state:', '  logArchive:\n    roleArn: arn:aws:iam::210987654321:role/Deploy\nstate:');
    expect(problemsFor(yaml)).toContainEqual(expect.stringMatching(/^env\.yaml: deployment\.logArchive: is set but logArchiveAccountId is not/));
  });

  it('rejects a bad environment name and a tag key reserved by AWS', () => {
    const yaml = replaceLine(validYaml(), /name: .*/, 'name: Prod_1').replace('state:', 'tags:\n  "aws:owner": me\nstate:');
    const problems = problemsFor(yaml);
    expect(problems).toContainEqual(expect.stringMatching(/^env\.yaml: name: "Prod_1" must be 3-30 lower-case letters/));
    expect(problems).toContainEqual(expect.stringMatching(/^env\.yaml: tags\.aws:owner: "aws:owner" key must be 1-128 characters.*not starting with "aws:"/));
  });

  it('rejects a file that is not a mapping, and an empty folder', () => {
    expect(problemsFor('- just\n- a list\n')).toEqual(['env.yaml: must be a YAML mapping of environment fields (name, organizationId, ...)']);
    const dir = configDir({});
    expect(loadEnvironments(dir).problems[0]).toMatch(/no environment config found/);
  });

  it('rejects duplicate environment names across files', () => {
    const dir = configDir({ 'a.yaml': validYaml('same-name'), 'b.yaml': validYaml('same-name', '210987654321') });
    const problems = loadEnvironments(dir).problems.map((p) => p.replace(`${dir}${path.sep}`, ''));
    expect(problems).toContainEqual(expect.stringMatching(/^b\.yaml: name "same-name" is already used by .*a\.yaml/));
  });

  it('rejects two environments that would share a log bucket name or a state file', () => {
    const a = `${validYaml('env-one')}trail:\n  bucketName: shared-bucket-name\n`;
    const b = `${validYaml('env-two', '210987654321')}trail:\n  bucketName: shared-bucket-name\n`;
    const dir = configDir({ 'a.yaml': a, 'b.yaml': b });
    const problems = loadEnvironments(dir).problems.join('\n');
    expect(problems).toMatch(/b\.yaml: S3 bucket name .* "shared-bucket-name" is already used by/);
  });

  it('reports problems of every file in one run', () => {
    const dir = configDir({
      'a.yaml': replaceLine(validYaml('env-a'), /homeRegion: .*/, 'homeRegion: nowhere'),
      'b.yaml': replaceLine(validYaml('env-b'), /organizationId: .*/, 'organizationId: org'),
    });
    const problems = loadEnvironments(dir).problems.join('\n');
    expect(problems).toMatch(/a\.yaml: homeRegion/);
    expect(problems).toMatch(/b\.yaml: organizationId/);
  });

  it('throws a ConfigError listing the problems from loadEnvironmentsOrThrow', () => {
    const dir = configDir({ 'a.yaml': 'name: x\n' });
    expect(() => loadEnvironmentsOrThrow(dir)).toThrow(ConfigError);
    expect(() => loadEnvironmentsOrThrow(dir)).toThrow(/problems in the trailwatch config/);
  });
});
