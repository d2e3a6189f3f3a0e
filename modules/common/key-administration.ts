/**
 * Who administers a KMS key trailwatch creates. Shared by every key (trail key, log group key, alert key).
 *
 * Default: the owning account's root gets `kms:*`, which lets the account's IAM policies grant access
 * (KMS developer guide, "Default key policy", section "Allows access to the AWS account and enables IAM
 * policies": https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html). It can never
 * lock the key out, but every administrator of the account can also decrypt with it.
 *
 * With named key administrators: those roles get the administration actions of the default key policy's
 * "key administrators" statement (same page, "Allows key administrators to administer the KMS key") and no
 * use of the key (no kms:Decrypt, kms:Encrypt, kms:GenerateDataKey*, kms:ReEncrypt*), following "Least-privilege
 * permissions" (https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html): delegate only
 * the minimum, name the principals in the key policy instead of `kms:*` for the account. `kms:Create*` of
 * the default statement is narrowed to kms:CreateAlias: kms:CreateGrant would let an administrator grant
 * itself kms:Decrypt without a visible key policy change.
 *
 * The lock-out safety check of CreateKey/PutKeyPolicy (KMS API reference, PutKeyPolicy,
 * BypassPolicyLockoutSafetyCheck: https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html)
 * rejects a policy that does not let the caller call PutKeyPolicy again: the role Terraform deploys with
 * must be one of the administrators (the environment config adds it; the construct props require it).
 */
import type { PolicyStatement } from './policy';

/** Administration without use: the default key administrators statement, kms:Create* narrowed to CreateAlias. */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
] as const;

/**
 * The administration statement of a key owned by `accountId`: the account root with `kms:*` when no
 * administrators are named, else the named administrators with KEY_ADMINISTRATION_ACTIONS only.
 */
export function keyAdministrationStatement(accountId: string, administrators: readonly string[], sid = 'EnableAccountAdministration'): PolicyStatement {
  if (administrators.length === 0) {
    return { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' };
  }
  return {
    Sid: 'NamedKeyAdministratorsAdministerWithoutUse',
    Effect: 'Allow',
    Principal: { AWS: [...new Set(administrators)] },
    Action: [...KEY_ADMINISTRATION_ACTIONS],
    Resource: '*',
  };
}
