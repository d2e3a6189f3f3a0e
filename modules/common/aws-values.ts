/**
 * Shapes of AWS identifiers, shared by config validation and construct props validation so the
 * two can never disagree about what is allowed.
 */

/** Regions of the commercial `aws` partition (ARNs here are built with `arn:aws:`). */
export const AWS_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1',
  'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2',
  'us-west-1', 'us-west-2',
] as const;
export type AwsRegion = (typeof AWS_REGIONS)[number];

export const ACCOUNT_ID = /^\d{12}$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/** An IAM role ARN in the aws partition; the account is capture group 1. */
export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}$/;

export function isAwsRegion(value: string): value is AwsRegion {
  return (AWS_REGIONS as readonly string[]).includes(value);
}
