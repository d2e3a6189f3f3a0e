/**
 * The CIS AWS Foundations Benchmark monitoring pack (CIS v1.2 section 3, v1.4 section 4), as
 * AWS Security Hub checks it (CloudWatch.2, .4, .5, .7-.14) plus CIS v1.4 4.15 (Organizations).
 */
import { SECURITY_HUB_PATTERNS as SH } from './security-hub';
import { ALARM_DEFAULTS, eventNames, type CatalogueEntry } from './entry';

const cis = (v12: string | undefined, v14: string) => ({ ...(v12 ? { 'v1.2': v12 } : {}), 'v1.4': v14 });

// CIS v1.4 4.15 (no Security Hub control): the benchmark's own text.
const ORGANIZATIONS =
  '{ ($.eventSource = organizations.amazonaws.com) && (' +
  eventNames([
    'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake',
    'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType',
    'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy',
    'UpdateOrganizationalUnit',
  ]) +
  ') }';

const IAM_POLICY_EVENTS = [
  'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy',
  'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy',
  'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
];
const ROUTE_TABLE_EVENTS = [
  'CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute',
  'DisassociateRouteTable',
];
const TRAIL_EVENTS = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging', 'PutEventSelectors'];

export const CIS_PACK: readonly CatalogueEntry[] = [
  {
    ...ALARM_DEFAULTS,
    id: 'unauthorized-api-calls',
    title: 'Unauthorized API calls',
    description:
      'API calls were denied (AccessDenied or UnauthorizedOperation) at least 5 times in five minutes. Group the events by userIdentity.arn and eventName: one principal probing many services suggests stolen credentials; one failing call repeated is usually a misconfigured application.',
    patterns: {
      securityHub: SH['CloudWatch.2'],
      // CIS's exclusions apply to both error codes here: the widely copied CIS v1.4 text binds them to
      // AccessDenied only (&& binds tighter than ||).
      tuned:
        '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    },
    threshold: 5,
    severity: 'low',
    references: { cis: cis('3.1', '4.1'), securityHub: 'CloudWatch.2', mitreAttack: ['T1580'] },
    pack: 'cis',
    excludesAutomation: true,
    tunedBecause: 'leaves out CloudWatch Logs delivery (delivery.logs.amazonaws.com) and HeadBucket probes, for both error codes',
  },
  {
    ...ALARM_DEFAULTS,
    id: 'iam-policy-changes',
    title: 'IAM policy changed',
    description:
      'An IAM policy was created, changed, attached or detached. Check that the change was made by your deployment pipeline or an approved administrator and that it does not grant more than intended.',
    patterns: {
      securityHub: SH['CloudWatch.4'],
      tuned: `{ ($.eventSource = iam.amazonaws.com) && (${eventNames(IAM_POLICY_EVENTS)}) }`,
    },
    severity: 'medium',
    references: { cis: cis('3.4', '4.4'), securityHub: 'CloudWatch.4', mitreAttack: ['T1098'] },
    pack: 'cis',
    excludesAutomation: true,
    tunedBecause: 'counts IAM only (the CIS list also matches Organizations and Auto Scaling CreatePolicy/DeletePolicy)',
  },
  {
    ...ALARM_DEFAULTS,
    id: 'cloudtrail-changes',
    title: 'CloudTrail configuration changed',
    description:
      'A trail was created, updated, deleted, stopped or started. A stopped or changed organization trail means security events may no longer be recorded: confirm the change was planned and, if not, restore the trail (cdktf deploy) and investigate who made it.',
    patterns: {
      securityHub: SH['CloudWatch.5'],
      tuned: `{ ($.eventSource = cloudtrail.amazonaws.com) && (${eventNames(TRAIL_EVENTS)}) }`,
    },
    severity: 'critical',
    references: { cis: cis('3.5', '4.5'), securityHub: 'CloudWatch.5', mitreAttack: ['T1562.008'] },
    pack: 'cis',
    excludesAutomation: false,
    tunedBecause: 'also counts PutEventSelectors (which can silently stop management events being logged)',
  },
  {
    ...ALARM_DEFAULTS,
    id: 'kms-key-disable-or-deletion',
    title: 'KMS key disabled or scheduled for deletion',
    description:
      'A customer managed KMS key was disabled or scheduled for deletion: data encrypted with it becomes unreadable. If not planned, re-enable the key or cancel the deletion (CancelKeyDeletion) within the waiting period.',
    patterns: { securityHub: SH['CloudWatch.7'], tuned: SH['CloudWatch.7'] },
    severity: 'high',
    references: { cis: cis('3.7', '4.7'), securityHub: 'CloudWatch.7', mitreAttack: ['T1485'] },
    pack: 'cis',
    excludesAutomation: false,
  },
  {
    ...ALARM_DEFAULTS,
    id: 's3-bucket-policy-changes',
    title: 'S3 bucket policy, ACL, CORS, lifecycle or replication changed',
    description:
      'A bucket policy, ACL, CORS, lifecycle or replication configuration was changed. Check the bucket in requestParameters.bucketName: a policy or ACL change can make data public.',
    patterns: { securityHub: SH['CloudWatch.8'], tuned: SH['CloudWatch.8'] },
    severity: 'medium',
    references: { cis: cis('3.8', '4.8'), securityHub: 'CloudWatch.8', mitreAttack: ['T1530'] },
    pack: 'cis',
    excludesAutomation: true,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'config-changes',
    title: 'AWS Config recording changed',
    description:
      'The AWS Config recorder was stopped or changed, or a delivery channel was changed or deleted: configuration history may no longer be recorded. If not planned, restart the recorder and restore the delivery channel.',
    patterns: { securityHub: SH['CloudWatch.9'], tuned: SH['CloudWatch.9'] },
    severity: 'high',
    references: { cis: cis('3.9', '4.9'), securityHub: 'CloudWatch.9', mitreAttack: ['T1562.008'] },
    pack: 'cis',
    excludesAutomation: false,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'security-group-changes',
    title: 'Security group changed',
    description:
      'A security group was created, deleted or had rules added or removed. Check the rule in requestParameters for openings to 0.0.0.0/0 or ::/0.',
    patterns: { securityHub: SH['CloudWatch.10'], tuned: SH['CloudWatch.10'] },
    severity: 'medium',
    references: { cis: cis('3.10', '4.10'), securityHub: 'CloudWatch.10', mitreAttack: ['T1562.007'] },
    pack: 'cis',
    excludesAutomation: true,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'nacl-changes',
    title: 'Network ACL changed',
    description: 'A network ACL or one of its entries or associations was changed. Check that the change was planned and does not open a subnet.',
    patterns: { securityHub: SH['CloudWatch.11'], tuned: SH['CloudWatch.11'] },
    severity: 'medium',
    references: { cis: cis('3.11', '4.11'), securityHub: 'CloudWatch.11', mitreAttack: ['T1562.007'] },
    pack: 'cis',
    excludesAutomation: true,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'network-gateway-changes',
    title: 'Internet or customer gateway changed',
    description:
      'An internet gateway or customer gateway was created, deleted, attached or detached. A new internet gateway can expose a private network: check that the change was planned.',
    patterns: { securityHub: SH['CloudWatch.12'], tuned: SH['CloudWatch.12'] },
    severity: 'medium',
    references: { cis: cis('3.12', '4.12'), securityHub: 'CloudWatch.12' },
    pack: 'cis',
    excludesAutomation: true,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'route-table-changes',
    title: 'Route table changed',
    description: 'A route or route table was created, replaced, deleted or re-associated. Check that traffic still flows through the expected path.',
    patterns: {
      securityHub: SH['CloudWatch.13'],
      tuned: `{ ($.eventSource = ec2.amazonaws.com) && (${eventNames(ROUTE_TABLE_EVENTS)}) }`,
    },
    severity: 'medium',
    references: { cis: cis('3.13', '4.13'), securityHub: 'CloudWatch.13' },
    pack: 'cis',
    excludesAutomation: true,
    tunedBecause: 'counts EC2 only (the CIS list also matches API Gateway v2 CreateRoute/DeleteRoute)',
  },
  {
    ...ALARM_DEFAULTS,
    id: 'vpc-changes',
    title: 'VPC or VPC peering changed',
    description: 'A VPC, its attributes or a VPC peering connection was created, changed or deleted. Check that the change was planned.',
    patterns: { securityHub: SH['CloudWatch.14'], tuned: SH['CloudWatch.14'] },
    severity: 'medium',
    references: { cis: cis('3.14', '4.14'), securityHub: 'CloudWatch.14' },
    pack: 'cis',
    excludesAutomation: true,
  },
  {
    ...ALARM_DEFAULTS,
    id: 'organizations-changes',
    title: 'AWS Organizations changed',
    description:
      'The organization changed: accounts created, invited, moved or removed, OUs or policies (SCPs) changed. These changes can remove guardrails from every account: confirm each one was planned.',
    patterns: { securityHub: ORGANIZATIONS, tuned: ORGANIZATIONS },
    severity: 'high',
    references: { cis: cis(undefined, '4.15'), mitreAttack: ['T1666'] },
    pack: 'cis',
    excludesAutomation: false,
  },
];
