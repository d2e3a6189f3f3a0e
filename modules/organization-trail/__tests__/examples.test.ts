/** The trail of each example environment, through the environment stack. */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../../../config/__tests__/examples';
import { EnvironmentStack } from '../../../stacks/environment-stack';

const examples = loadExamples();
function synth(name: string): any {
  const env = examples.find((e) => e.env.name === name)!.env;
  return JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
}
const only = (json: any, type: string, prefix: string) => {
  const found = Object.entries(json.resource[type] ?? {}).filter(([n]) => n.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0][1] as any;
};

describe('example environments: organization trail', () => {
  it('acme-prod: bucket and trail key in the log-archive account, Object Lock, S3 data events, Insights, a reader', () => {
    const json = synth('acme-prod');
    const bucket = only(json, 'aws_s3_bucket', 'trail_log-bucket_');
    expect(bucket).toMatchObject({ bucket: 'acme-acme-prod-cloudtrail-222222222222', provider: 'aws.log_archive', object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(only(json, 'aws_kms_key', 'trail_trail-key_').provider).toBe('aws.log_archive');
    expect(only(json, 'aws_cloudtrail', 'trail_').provider).toBe('aws');
    const trail = only(json, 'aws_cloudtrail', 'trail_');
    expect(trail.name).toBe('acme-acme-prod-organization-trail');
    expect(trail.advanced_event_selector[1].field_selector[2].not_starts_with).toEqual([
      'arn:aws:s3:::acme-acme-prod-cloudtrail-222222222222/',
      'arn:aws:s3:::acme-acme-prod-access-logs-222222222222/',
    ]);
    expect(trail.insight_selector).toHaveLength(2);
    const policy = JSON.parse(only(json, 'aws_s3_bucket_policy', 'trail_log-bucket_').policy);
    expect(policy.Statement.find((s: any) => s.Sid === 'AllowOrganizationLogReaders').Principal.AWS).toEqual(['arn:aws:iam::666666666666:role/SecurityInvestigator']);
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration', 'trail_log-bucket_').rule[0].expiration).toEqual([{ days: 2557 }]);
  });

  it('acme-sandbox: one account, destroyable (no prevent_destroy, force_destroy)', () => {
    const json = synth('acme-sandbox');
    const bucket = only(json, 'aws_s3_bucket', 'trail_log-bucket_');
    expect(bucket).toMatchObject({ bucket: 'acme-acme-sandbox-cloudtrail-333333333333', force_destroy: true, lifecycle: { prevent_destroy: false } });
    expect(bucket.provider).toBe('aws');
    expect(only(json, 'aws_cloudtrail', 'trail_').lifecycle).toEqual({ prevent_destroy: false });
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration', 'trail_log-bucket_').rule[0].transition).toBeUndefined();
  });

  it('globex-prod: imported bucket (no Object Lock), its own names, Lambda data events, 400-day log group', () => {
    const json = synth('globex-prod');
    const bucket = only(json, 'aws_s3_bucket', 'trail_log-bucket_');
    expect(bucket.bucket).toBe('globex-cloudtrail-logs-eu');
    expect(bucket.object_lock_enabled).toBeUndefined();
    expect(only(json, 'aws_cloudtrail', 'trail_').name).toBe('globex-organization-trail');
    expect(only(json, 'aws_cloudwatch_log_group', 'trail_')).toMatchObject({ name: '/globex/security/cloudtrail', retention_in_days: 400 });
    expect(only(json, 'aws_cloudtrail', 'trail_').advanced_event_selector.map((s: any) => s.name)).toEqual(['All management events', 'Lambda data events']);
  });
});
