/** OrganizationTrail props of a validated environment (everything but the providers). */
import type { Environment } from '../../environment-schema';
import { accessLogBucketName, logBucketName, resourcePrefix, trailLogGroupName, trailName } from '../../naming';
import type { OrganizationTrailProps } from '../../../modules/organization-trail/organization-trail';

/** The OrganizationTrail props of a validated environment (everything but the providers). */
export function organizationTrailSettings(env: Environment): OrganizationTrailProps {
  const t = env.trail;
  return {
    organizationId: env.organizationId,
    managementAccountId: env.managementAccountId,
    region: env.homeRegion,
    logArchiveAccountId: env.logArchiveAccountId,
    trailName: trailName(env),
    bucketName: logBucketName(env),
    accessLogBucketName: accessLogBucketName(env),
    logGroupName: trailLogGroupName(env),
    // At most 20 + 1 + 30 + 12 = 63 characters: within the 64 IAM allows.
    deliveryRoleName: `${resourcePrefix(env)}-ct-delivery`,
    logRetentionDays: t.logGroup.retentionDays,
    lifecycle: t.lifecycle,
    objectLock: t.objectLock,
    existingBucket: t.existingBucket,
    dataEvents: t.dataEvents,
    insights: t.insights,
    readers: t.readers,
    // Named administrators replace each account root: the roles Terraform deploys with must stay
    // administrators, or the next apply could not update the keys (and CreateKey's lock-out check fails).
    keyAdministrators:
      t.keyAdministrators.length === 0
        ? []
        : [...new Set([...t.keyAdministrators, env.deployment.management.roleArn, ...(env.deployment.logArchive ? [env.deployment.logArchive.roleArn] : [])])],
    preventDestroy: t.preventDestroy,
    forceDestroy: t.forceDestroy,
  };
}
