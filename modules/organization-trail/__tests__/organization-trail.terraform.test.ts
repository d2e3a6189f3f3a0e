/**
 * Real Terraform (hashicorp/aws 5.100.0, offline): the trail with every option validates, and plans
 * with the policies fully known at plan time.
 */
import { Testing } from 'cdktf';
import { planJson, terraformAvailable, validateStack } from '../../../__tests__/support/terraform';
import { trailStack } from './support';

const maybe = terraformAvailable() ? it : it.skip;
const everything = { dataEvents: { s3: true, lambda: true }, insights: true, objectLock: { mode: 'GOVERNANCE' as const, retentionDays: 30 }, readers: ['arn:aws:iam::111122223333:role/Reader'] };

describe('OrganizationTrail with real Terraform', () => {
  maybe('validates with every option on', () => {
    expect(() => validateStack(trailStack(everything).stack)).not.toThrow();
  });

  maybe('plans offline: creates every resource, with every policy known at plan time', () => {
    const plan = planJson(Testing.synth(trailStack(everything).stack, true), 'organization-trail');
    const changes = plan.resource_changes ?? [];
    expect(changes.flatMap((c) => c.change.actions).filter((a) => a !== 'create')).toEqual([]);
    const types = changes.map((c) => c.type);
    for (const type of ['aws_cloudtrail', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy', 'aws_s3_bucket_policy', 'aws_s3_bucket_object_lock_configuration', 'aws_s3_bucket_logging']) {
      expect(types).toContain(type);
    }
    expect(types.filter((t) => t === 'aws_kms_key')).toHaveLength(2);
    const known = (type: string, attr: string) =>
      changes.filter((c) => c.type === type).map((c) => c.change.after[attr]);
    for (const policy of [...known('aws_s3_bucket_policy', 'policy'), ...known('aws_kms_key', 'policy'), ...known('aws_iam_role', 'assume_role_policy'), ...known('aws_iam_role_policy', 'policy')]) {
      expect(typeof policy).toBe('string');
      expect(JSON.parse(policy as string).Statement.length).toBeGreaterThan(0);
    }
    const trail = changes.find((c) => c.type === 'aws_cloudtrail')!.change.after;
    expect(trail).toMatchObject({ is_organization_trail: true, is_multi_region_trail: true, enable_log_file_validation: true });
  });
});
