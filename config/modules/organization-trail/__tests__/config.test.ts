import * as path from 'node:path';
import { loadEnvironments } from '../../../load';
import { configDir, validYaml } from '../../../__tests__/helpers';
import { trailLogGroupName, trailName } from '../../../naming';
import { organizationTrailSettings } from '../settings';

function load(section: string, head = validYaml()) {
  const dir = configDir({ 'env.yaml': `${head}${section}` });
  const result = loadEnvironments(dir);
  return { env: result.environments[0]?.env, problems: result.problems.map((p) => p.replace(`${dir}${path.sep}`, '')) };
}
const problemAt = (section: string, field: string) => load(section).problems.find((p) => p.startsWith(`env.yaml: ${field}:`));

describe('trail config section', () => {
  it('defaults to a hardened trail: logs kept 365 days, prevent_destroy, no force_destroy, no data events', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(env?.trail).toEqual({
      existingBucket: false,
      lifecycle: { transitionAfterDays: 90, transitionStorageClass: 'GLACIER_IR', expireAfterDays: 365, noncurrentVersionExpireAfterDays: 90 },
      logGroup: { retentionDays: 365 },
      dataEvents: { s3: false, lambda: false },
      insights: false,
      readers: [],
      keyAdministrators: [],
      preventDestroy: true,
      forceDestroy: false,
    });
  });

  it('derives names from the naming prefix and environment name, and keeps overrides', () => {
    const env = load('').env!;
    expect(trailName(env)).toBe('trailwatch-test-env-organization-trail');
    expect(trailLogGroupName(env)).toBe('/trailwatch/trailwatch-test-env/cloudtrail');
    const settings = organizationTrailSettings(env);
    expect(settings).toMatchObject({
      bucketName: 'trailwatch-test-env-cloudtrail-123456789012',
      accessLogBucketName: 'trailwatch-test-env-access-logs-123456789012',
      deliveryRoleName: 'trailwatch-test-env-ct-delivery',
      region: 'eu-central-1',
      organizationId: 'o-abcdefghij',
    });
    const custom = load('trail:\n  name: my-trail\n  bucketName: my-logs\n  logGroup:\n    name: /my/trail\n').env!;
    expect(organizationTrailSettings(custom)).toMatchObject({ trailName: 'my-trail', bucketName: 'my-logs', logGroupName: '/my/trail' });
  });

  it('keeps the delivery role name within 64 characters for the longest prefix and name', () => {
    const head = validYaml('a'.repeat(30)).replace('homeRegion:', 'namingPrefix: ' + 'b'.repeat(20) + '\nhomeRegion:');
    const { env, problems } = load('', head);
    expect(problems).toEqual([]);
    expect(organizationTrailSettings(env!).deliveryRoleName.length).toBeLessThanOrEqual(64);
  });

  it.each([
    ['  logGroup:\n    retentionDays: 100\n', 'trail.logGroup.retentionDays', 'must be a retention CloudWatch Logs accepts: 1, 3, 5'],
    ['  lifecycle:\n    expireAfterDays: 30\n', 'trail.lifecycle.expireAfterDays', 'must be at least 365 days (logs are kept at least one year'],
    ['  lifecycle:\n    transitionStorageClass: COLD\n', 'trail.lifecycle.transitionStorageClass', 'must be one of STANDARD_IA'],
    ['  objectLock:\n    mode: STRICT\n    retentionDays: 10\n', 'trail.objectLock.mode', 'must be GOVERNANCE'],
    ['  bucketName: My_Bucket\n', 'trail.bucketName', 'must be a valid S3 bucket name'],
    ['  readers: [arn:aws:iam::12345:role/x]\n', 'trail.readers[0]', 'must be an IAM role, user or account root ARN'],
    ['  readers: ["arn:aws:iam::123456789012:group/Auditors"]\n', 'trail.readers[0]', 'is an IAM group, which AWS does not accept as a policy principal'],
    ['  readers: ["arn:aws:sts::123456789012:assumed-role/Investigator/alice"]\n', 'trail.readers[0]', 'is a role session: name the role itself, arn:aws:iam::123456789012:role/Investigator'],
    ['  keyAdministrators: ["arn:aws:iam::123456789012:user/alice"]\n', 'trail.keyAdministrators[0]', 'must be an IAM role ARN'],
    ['  preventDestroy: no thanks\n', 'trail.preventDestroy', 'must be true or false'],
    ['  insight: true\n', 'trail', 'insight'],
  ])('rejects %j at %s, saying what is allowed', (lines, field, message) => {
    const problem = load(`trail:\n${lines}`).problems.find((p) => p.startsWith(`env.yaml: ${field}`));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
  });

  it('rejects Object Lock on an existing (imported) bucket, naming the fix', () => {
    const problem = problemAt('trail:\n  existingBucket: true\n  objectLock:\n    mode: COMPLIANCE\n    retentionDays: 30\n', 'trail.objectLock');
    expect(problem).toContain('cannot be enabled on an existing (imported) bucket: S3 Object Lock is only set when a bucket is created');
  });

  it('rejects forceDestroy unless preventDestroy is off, and with Object Lock', () => {
    expect(problemAt('trail:\n  forceDestroy: true\n', 'trail.forceDestroy')).toContain('needs preventDestroy: false');
    const locked = load('trail:\n  forceDestroy: true\n  preventDestroy: false\n  objectLock:\n    mode: GOVERNANCE\n    retentionDays: 30\n');
    expect(locked.problems.join('\n')).toContain('cannot delete objects under Object Lock retention');
    expect(load('trail:\n  forceDestroy: true\n  preventDestroy: false\n').problems).toEqual([]);
  });

  it('rejects a transition after expiration, a lock longer than retention and equal bucket names', () => {
    expect(problemAt('trail:\n  lifecycle:\n    transitionAfterDays: 400\n', 'trail.lifecycle.transitionAfterDays')).toContain('must be less than expireAfterDays (365)');
    expect(problemAt('trail:\n  objectLock:\n    mode: GOVERNANCE\n    retentionDays: 400\n', 'trail.objectLock.retentionDays')).toContain('must be at most lifecycle.expireAfterDays (365)');
    expect(problemAt('trail:\n  bucketName: same-name\n  accessLogBucketName: same-name\n', 'trail.accessLogBucketName')).toContain('must differ from the log bucket name');
  });

  it('rejects a key administrator of an account that owns no trail key', () => {
    expect(problemAt('trail:\n  keyAdministrators: ["arn:aws:iam::999999999999:role/KeyAdmin"]\n', 'trail.keyAdministrators[0]')).toContain('is a role of account 999999999999, which owns no trail key');
  });

  it('adds the deployment roles to named key administrators, so Terraform can keep managing the keys', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(organizationTrailSettings(env!).keyAdministrators).toEqual([]);
    const admin = `arn:aws:iam::${env!.managementAccountId}:role/KeyAdmin`;
    const named = load(`trail:\n  keyAdministrators: ["${admin}"]\n`);
    expect(named.problems).toEqual([]);
    expect(organizationTrailSettings(named.env!).keyAdministrators).toEqual([admin, named.env!.deployment.management.roleArn]);
  });

  it('accepts logs kept forever (null expiration) with any transition', () => {
    expect(load('trail:\n  lifecycle:\n    expireAfterDays: null\n    transitionAfterDays: 1000\n').problems).toEqual([]);
  });
});
