/**
 * The trail's CloudWatch Logs delivery in the management account: the log group every alarm reads
 * (KMS-encrypted with its own key, retention) and the role CloudTrail assumes to write into it.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyJson } from '../common/policy';
import { keyAlias, LogKey } from './log-key';
import { deliveryRolePolicy, deliveryRoleTrustPolicy, logGroupKeyPolicy, type TrailIdentity } from './policies';

export interface CloudWatchDeliveryProps {
  /** Names and accounts of the trail. Required. */
  readonly identity: TrailIdentity;
  /** Retention of the log group in days. @default 365 */
  readonly retentionDays?: number;
  /** Name of the delivery role (at most 64 characters). Required. */
  readonly roleName: string;
  /** Role ARNs administering the log group key instead of the account root (modules/common/key-administration.ts). @default [] (the root) */
  readonly keyAdministrators?: readonly string[];
  /** lifecycle prevent_destroy on the log group and its key. @default true */
  readonly preventDestroy?: boolean;
  /** Provider of the management account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class CloudWatchDelivery extends Construct {
  public readonly key: LogKey;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;
  public readonly rolePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: CloudWatchDeliveryProps) {
    super(scope, id);
    const { identity: t, provider } = props;
    const preventDestroy = props.preventDestroy ?? true;

    // Its own key, in the management account beside the log group: the trail key may live in the
    // log-archive account, and CloudWatch Logs only accepts a key it can use in its own region and account policy.
    this.key = new LogKey(this, 'log-group-key', {
      provider,
      aliasName: keyAlias(`${t.trailName}-log-group`),
      description: `Encrypts the CloudWatch Logs log group ${t.logGroupName} of trail ${t.trailName}`,
      policy: logGroupKeyPolicy(t, props.keyAdministrators ?? []),
      preventDestroy,
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: t.logGroupName,
      retentionInDays: props.retentionDays ?? 365,
      kmsKeyId: this.key.key.arn,
      lifecycle: { preventDestroy },
    });
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.roleName,
      description: `CloudTrail trail ${t.trailName} delivers to ${t.logGroupName}`,
      assumeRolePolicy: JSON.stringify(deliveryRoleTrustPolicy(t)),
    });
    this.rolePolicy = new IamRolePolicy(this, 'role-policy', {
      provider,
      name: 'write-trail-log-streams',
      role: this.role.name,
      policy: policyJson(deliveryRolePolicy(t)),
    });
  }
}
