/**
 * The environment config: one YAML file per deployment of trailwatch into one AWS Organization.
 * This zod schema is the single source of truth: validation, the TypeScript types, the JSON Schema
 * that editors use (config/schema.json) and the config reference in docs/configuration.md are all derived from it.
 */
import { z } from 'zod';
import { ACCOUNT_ID, AWS_REGIONS, ORGANIZATION_ID, ROLE_ARN } from '../modules/common/aws-values';
import { environmentSections } from './sections';

const accountId = (what: string) =>
  z
    .string({ error: `must be a 12-digit AWS account ID in quotes (YAML drops leading zeros of bare numbers)` })
    .regex(ACCOUNT_ID, { error: 'must be a 12-digit AWS account ID' })
    .meta({ description: `${what}: a 12-digit AWS account ID, quoted.` });

const region = z.enum(AWS_REGIONS, { error: 'must be an AWS region of the aws partition, e.g. us-east-1' });

const roleAccess = z
  .strictObject({
    roleArn: z
      .string()
      .regex(ROLE_ARN, { error: 'must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>' })
      .meta({ description: 'Role that Terraform assumes in this account.' }),
    externalId: z
      .string()
      .regex(/^[\w+=,.@:\/-]{2,1224}$/, { error: 'must be 2-1224 characters of letters, digits and +=,.@:/-' })
      .optional()
      .meta({ description: 'External ID required by the role trust policy. @default none' }),
    sessionName: z
      .string()
      .regex(/^[\w+=,.@-]{2,64}$/, { error: 'must be 2-64 characters of letters, digits and +=,.@-' })
      .default('trailwatch')
      .meta({ description: 'Session name shown in CloudTrail for Terraform\'s calls. @default "trailwatch"' }),
  })
  .meta({ description: 'How Terraform reaches one account.' });

const tagKey = z.string().regex(/^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, {
  error: 'must be 1-128 characters of letters, digits, spaces and _.:/=+-@, not starting with "aws:"',
});
const tagValue = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, {
  error: 'must be 0-256 characters of letters, digits, spaces and _.:/=+-@',
});

/** The zod schema of an environment file (single source of truth for validation, types and config/schema.json). */
export const environmentSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/, {
        error: 'must be 3-30 lower-case letters, digits and hyphens, starting with a letter',
      })
      .meta({
        description:
          'Environment name, unique across all config files: 3-30 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit. Names the stack (trailwatch-<name>) and starts every resource name (<namingPrefix>-<name>-...). Say whose organization and which one (initech-prod) and leave namingPrefix out, so names do not repeat the company (initech-initech-prod-pager).',
      }),
    organizationId: z
      .string()
      .regex(ORGANIZATION_ID, { error: 'must be an AWS Organizations ID matching ^o-[a-z0-9]{10,32}$' })
      .meta({ description: 'The AWS Organization ID (o-...).' }),
    managementAccountId: accountId('The organization management account, which owns the organization trail'),
    homeRegion: region.meta({ description: 'Home region of the trail, its log group, alarms and topics.' }),
    logArchiveAccountId: accountId('Optional log-archive account that owns the log bucket and its KMS key')
      .optional()
      .meta({ description: 'Log-archive account that owns the log bucket and its key. @default the management account' }),
    namingPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, {
        error: 'must be 2-20 lower-case letters, digits and hyphens, starting with a letter',
      })
      .default('trailwatch')
      .meta({
        description:
          'Prefix of every resource name: <prefix>-<name>-... Never repeat the start of name in it (acme + acme-prod gives acme-acme-prod-...); changing it renames deployed alarms and topics. @default "trailwatch"',
      }),
    tags: z
      .record(tagKey, tagValue)
      .default({})
      .refine((t) => Object.keys(t).length <= 45, { error: 'must have at most 45 tags (AWS allows 50; trailwatch adds some)' })
      .meta({ description: 'Tags applied to every resource through the provider default_tags. @default {}' }),
    deployment: z
      .strictObject(
        {
        management: roleAccess.meta({ description: 'How Terraform reaches the management account.' }),
        logArchive: roleAccess
          .optional()
          .meta({ description: 'How Terraform reaches the log-archive account. Required when logArchiveAccountId is set.' }),
        },
        { error: 'must be a mapping with management: { roleArn: arn:aws:iam::<management account>:role/<deploy role> } (and logArchive: { roleArn } with logArchiveAccountId)' },
      )
      .meta({ description: 'Roles Terraform assumes, per account.' }),
    state: z
      .strictObject(
        {
        bucket: z
          .string()
          .regex(/^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
            error: 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)',
          })
          .meta({ description: 'S3 bucket holding the Terraform state.' }),
        keyPrefix: z
          .string()
          .regex(/^[\w\-./]{0,200}$/, { error: 'must be at most 200 characters of letters, digits and _-./' })
          .default('trailwatch')
          .meta({ description: 'Key prefix; the state key is <keyPrefix>/trailwatch-<name>.tfstate. @default "trailwatch"' }),
        region: region.meta({ description: 'Region of the state bucket.' }),
        },
        {
          error:
            'must be a mapping with bucket (an existing S3 bucket for the Terraform state: create it, versioned, before the first terraform init / cdktf diff), region (the bucket\'s region) and optionally keyPrefix',
        },
      )
      .meta({ description: 'Remote state in S3, locked with the S3 lockfile (use_lockfile). The bucket must exist before the first terraform init.' }),
    ...environmentSections,
  })
  .superRefine((env, ctx) => {
    const roleAccount = (arn: string) => ROLE_ARN.exec(arn)?.[1];
    const mgmt = roleAccount(env.deployment.management.roleArn);
    if (mgmt && mgmt !== env.managementAccountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment', 'management', 'roleArn'],
        input: env.deployment.management.roleArn,
        message: `must be a role in the management account ${env.managementAccountId}, not ${mgmt}`,
      });
    }
    if (env.logArchiveAccountId) {
      if (env.logArchiveAccountId === env.managementAccountId) {
        ctx.addIssue({
          code: 'custom',
          path: ['logArchiveAccountId'],
          input: env.logArchiveAccountId,
          message: 'must differ from managementAccountId; leave it out to keep the logs in the management account',
        });
      }
      if (!env.deployment.logArchive) {
        ctx.addIssue({
          code: 'custom',
          path: ['deployment', 'logArchive'],
          message: 'is required when logArchiveAccountId is set: give the roleArn Terraform assumes in that account',
        });
      } else {
        const la = roleAccount(env.deployment.logArchive.roleArn);
        if (la && la !== env.logArchiveAccountId) {
          ctx.addIssue({
            code: 'custom',
            path: ['deployment', 'logArchive', 'roleArn'],
            input: env.deployment.logArchive.roleArn,
            message: `must be a role in the log-archive account ${env.logArchiveAccountId}, not ${la}`,
          });
        }
      }
    } else if (env.deployment.logArchive) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment', 'logArchive'],
        message: 'is set but logArchiveAccountId is not: add logArchiveAccountId or remove this block',
      });
    }
  });

/** An environment as written in YAML (defaults not applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment with every default applied. */
export type Environment = z.output<typeof environmentSchema>;
