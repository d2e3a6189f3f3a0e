/**
 * The questions of `trailwatch init`, each checked as it is answered by the same zod schema pieces
 * (and alert-topics rules) that validate a config file, so a refused answer reads exactly like the
 * config-loading message for that field.
 */
import type { z } from 'zod';
import type { environmentSchema as EnvironmentSchema } from '../config/environment-schema';
import { endpointProblem } from '../modules/alert-topics/rules';

export interface InitAnswers {
  name: string;
  organizationId: string;
  managementAccountId: string;
  homeRegion: string;
  trail: 'create' | 'existing';
  logArchiveAccountId?: string;
  logGroupName?: string;
  trailArn?: string;
  stateBucket: string;
  stateRegion: string;
  managementRoleArn: string;
  logArchiveRoleArn?: string;
  email: string[];
  https: string[];
  namingPrefix?: string;
}

export interface Question {
  /** The answer it fills: commander's name of the flag (--organization-id fills organizationId). */
  readonly key: keyof InitAnswers;
  /** Its command-line flag. */
  readonly flag: string;
  /** What the prompt asks. */
  readonly prompt: string;
  /** Asked only when this holds for the answers so far. @default always */
  readonly when?: (a: Partial<InitAnswers>) => boolean;
  /** Proposed answer (taken on an empty reply, or when the flag is left out). @default none */
  readonly fallback?: (a: Partial<InitAnswers>) => string | undefined;
  /** An empty reply means "none". @default false */
  readonly optional?: boolean;
  /** A comma-separated list. @default false */
  readonly list?: boolean;
  /** Why the value is refused, in the config-loading wording (`field: message`); undefined when fine. */
  readonly check: (value: string, a: Partial<InitAnswers>, index: number) => string | undefined;
}

type Shape = (typeof EnvironmentSchema)['shape'];

/**
 * The environment schema's fields, loaded when the first answer is checked: the questions are also
 * the command's flags, and registering them (every `trailwatch` start) must not load zod.
 */
let schemas: { shape: Shape; existingShape: ReturnType<Shape['existingTrail']['unwrap']>['shape'] } | undefined;
function fields(): NonNullable<typeof schemas> {
  if (!schemas) {
    const { environmentSchema } = require('../config/environment-schema') as typeof import('../config/environment-schema');
    schemas = { shape: environmentSchema.shape, existingShape: environmentSchema.shape.existingTrail.unwrap().shape };
  }
  return schemas;
}

/** The config-loading message of `schema` for `value` at config path `field`, or undefined when valid. */
function fieldProblem(schema: z.ZodType, field: string, value: unknown): string | undefined {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return undefined;
  const { problemsFromZod } = require('../config/issues') as typeof import('../config/issues');
  return problemsFromZod(parsed.error.issues)
    .map((p) => `${field}${p.path ? `.${p.path}` : ''}: ${p.message}`)
    .join('; ');
}
/** A check by the schema of one field, picked from the environment schema (`(s) => s.name`) when first used. */
const by = (pick: (shapes: ReturnType<typeof fields>) => z.ZodType, field: string) => (value: string) => fieldProblem(pick(fields()), field, value);

function roleProblem(field: string, account: string | undefined) {
  return (value: string) => {
    const problem = fieldProblem(fields().shape.deployment.shape.management.shape.roleArn, field, value);
    if (problem) return problem;
    const owner = /^arn:aws:iam::(\d{12}):/.exec(value)?.[1];
    // The wording of the environment schema's own cross-field check (config/environment-schema.ts).
    const which = field.includes('logArchive') ? 'log-archive' : 'management';
    return owner !== account ? `${field}: must be a role in the ${which} account ${account}, not ${owner}` : undefined;
  };
}

export const QUESTIONS: readonly Question[] = [
  {
    key: 'name',
    flag: '--name',
    prompt: 'Environment name (company and organization, e.g. initech-prod)',
    check: by((f) => f.shape.name, 'name'),
  },
  { key: 'organizationId', flag: '--organization-id', prompt: 'AWS Organizations ID (o-...)', check: by((f) => f.shape.organizationId, 'organizationId') },
  {
    key: 'managementAccountId',
    flag: '--management-account-id',
    prompt: 'Management account ID (12 digits)',
    check: by((f) => f.shape.managementAccountId, 'managementAccountId'),
  },
  { key: 'homeRegion', flag: '--home-region', prompt: 'Home region (of the trail, alarms and topics)', check: by((f) => f.shape.homeRegion, 'homeRegion') },
  {
    key: 'trail',
    flag: '--trail',
    prompt: 'Create an organization trail, or use the one the organization already has? (create/existing)',
    fallback: (a) => (a.logGroupName ? 'existing' : 'create'),
    check: (v) => (v === 'create' || v === 'existing' ? undefined : `trail: "${v}" must be create (trailwatch creates the trail) or existing (existingTrail)`),
  },
  {
    key: 'logGroupName',
    flag: '--log-group-name',
    prompt: 'Log group of the existing trail (Control Tower: aws-controltower/CloudTrailLogs)',
    when: (a) => a.trail === 'existing',
    check: by((f) => f.existingShape.logGroupName, 'existingTrail.logGroupName'),
  },
  {
    key: 'trailArn',
    flag: '--trail-arn',
    prompt: 'ARN of the existing trail (optional, named in the trail-health alarm)',
    when: (a) => a.trail === 'existing',
    optional: true,
    check: by((f) => f.existingShape.trailArn, 'existingTrail.trailArn'),
  },
  {
    key: 'logArchiveAccountId',
    flag: '--log-archive-account-id',
    prompt: 'Log-archive account ID for the log bucket (optional: empty keeps logs in the management account)',
    when: (a) => a.trail === 'create',
    optional: true,
    check: (v, a) =>
      fieldProblem(fields().shape.managementAccountId, 'logArchiveAccountId', v) ??
      (v === a.managementAccountId ? 'logArchiveAccountId: must differ from managementAccountId; leave it out to keep the logs in the management account' : undefined),
  },
  { key: 'stateBucket', flag: '--state-bucket', prompt: 'S3 bucket for the Terraform state (must exist before the first init)', check: by((f) => f.shape.state.shape.bucket, 'state.bucket') },
  { key: 'stateRegion', flag: '--state-region', prompt: 'Region of the state bucket', fallback: (a) => a.homeRegion, check: by((f) => f.shape.state.shape.region, 'state.region') },
  {
    key: 'managementRoleArn',
    flag: '--management-role-arn',
    prompt: 'Role Terraform assumes in the management account',
    fallback: (a) => (a.managementAccountId ? `arn:aws:iam::${a.managementAccountId}:role/TrailwatchDeploy` : undefined),
    check: (v, a) => roleProblem('deployment.management.roleArn', a.managementAccountId)(v),
  },
  {
    key: 'logArchiveRoleArn',
    flag: '--log-archive-role-arn',
    prompt: 'Role Terraform assumes in the log-archive account',
    when: (a) => a.trail === 'create' && !!a.logArchiveAccountId,
    fallback: (a) => (a.logArchiveAccountId ? `arn:aws:iam::${a.logArchiveAccountId}:role/TrailwatchDeploy` : undefined),
    check: (v, a) => roleProblem('deployment.logArchive.roleArn', a.logArchiveAccountId)(v),
  },
  {
    key: 'email',
    flag: '--email',
    prompt: 'Alert email addresses (comma-separated)',
    list: true,
    optional: true,
    check: (v, _a, i) => prefixed(`alerting.topics[0].subscriptions[${i}].endpoint`, endpointProblem('email', v)),
  },
  {
    key: 'https',
    flag: '--https',
    prompt: 'Alert https endpoints, e.g. an incident tool\'s webhook (comma-separated, optional)',
    list: true,
    optional: true,
    check: (v, a, i) => prefixed(`alerting.topics[0].subscriptions[${(a.email?.length ?? 0) + i}].endpoint`, endpointProblem('https', v)),
  },
];

/** Set only by flag: left out, resource names start with trailwatch-<name>-. */
export const NAMING_PREFIX_QUESTION: Question = {
  key: 'namingPrefix',
  flag: '--naming-prefix',
  prompt: 'Prefix of resource names',
  optional: true,
  check: (v, a) =>
    fieldProblem(fields().shape.namingPrefix, 'namingPrefix', v) ??
    (a.name?.startsWith(`${v}-`)
      ? `namingPrefix: "${v}" repeats the start of name "${a.name}" in every resource name (${v}-${a.name}-...): leave namingPrefix out, or choose a name without it`
      : undefined),
};

function prefixed(field: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${field}: ${problem}`;
}

/** Problems of the answers as a whole that no single answer shows. */
export function answerSetProblems(a: Partial<InitAnswers>): string[] {
  if ((a.email?.length ?? 0) + (a.https?.length ?? 0) === 0) {
    return ['alerting.topics[0].subscriptions: needs at least one subscriber (--email or --https): an alarm nobody receives is a silent failure'];
  }
  return [];
}
