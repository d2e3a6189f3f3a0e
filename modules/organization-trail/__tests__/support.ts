import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OrganizationTrail, type OrganizationTrailProps } from '../organization-trail';

export const ORG = 'o-exampleorg1';
export const MGMT = '111122223333';
export const ARCHIVE = '444455556666';
export const OUTSIDER = '999988887777';
export const REGION = 'eu-west-1';
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${MGMT}:trail/org-trail`;

export const baseProps: OrganizationTrailProps = {
  organizationId: ORG,
  managementAccountId: MGMT,
  logArchiveAccountId: ARCHIVE,
  region: REGION,
  trailName: 'org-trail',
  bucketName: 'example-cloudtrail-logs',
  accessLogBucketName: 'example-access-logs',
  logGroupName: '/example/cloudtrail',
  deliveryRoleName: 'example-ct-delivery',
};

/** A stack holding only an OrganizationTrail, with a management and a log-archive provider. */
export function trailStack(props: Partial<OrganizationTrailProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const managementProvider = new AwsProvider(stack, 'aws', { region: REGION });
  const logArchiveProvider = new AwsProvider(stack, 'archive', { region: REGION, alias: 'archive' });
  const trail = new OrganizationTrail(stack, 'trail', { ...baseProps, managementProvider, logArchiveProvider, ...props });
  return { stack, trail };
}

/** The synthesized Terraform JSON of a trail stack. */
export function synthJson(props: Partial<OrganizationTrailProps> = {}): any {
  return JSON.parse(Testing.synth(trailStack(props).stack, true));
}

/** The only resource of a type in synthesized JSON under construct path `trail/<path>/` (any, when path is empty). */
export function resource(json: any, type: string, path = ''): any {
  const prefix = path ? `trail_${path.replace(/\//g, '_')}_` : 'trail_';
  const entries = Object.entries(json.resource[type] ?? {}).filter(([name]) => name.startsWith(prefix));
  if (entries.length !== 1) throw new Error(`expected one ${type} under "${prefix}", found ${entries.map(([n]) => n).join(', ') || 'none'}`);
  return entries[0][1];
}
