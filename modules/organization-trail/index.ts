/**
 * `trailwatch/organization-trail`: the organization trail with its hardened log bucket, access-log
 * bucket, trail key and CloudWatch Logs delivery.
 */
export { OrganizationTrail, type OrganizationTrailProps } from './organization-trail';
export { organizationTrailPropsProblems, READER_ARN } from './props-problems';
export { DEFAULT_LIFECYCLE, type BucketLifecycle } from './hardened-bucket';
export { ValidationError, type Problem } from '../common/errors';
