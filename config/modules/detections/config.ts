/**
 * The `detections` section of the environment config: compliance mode, packs, disabled ids,
 * per-id overrides, extra exclusions, automation roles (tuned mode) and custom detections.
 * The schema checks each field; detectionsProblems checks what spans fields (ids that must exist,
 * patterns that must parse, alarm settings that must fit together).
 */
import { z } from 'zod';
import type { Environment } from '../../environment-schema';
import { alarmContext } from '../../naming';
import type { Problem } from '../../../modules/common/errors';
import { SEVERITIES } from '../../../modules/common/severity';
import { foreignMetricFilters, monitoredLogGroupName } from '../organization-trail/config';
import { detectionsConfigProblems, detectionsConfigWarnings } from './config-checks';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../../../modules/common/cloudwatch-limits';
import { isValidPeriod } from '../../../modules/detections/validate';

export const DEFAULT_METRIC_NAMESPACE = 'trailwatch';

const detectionId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}[a-z0-9]$/, {
    error: 'must be 3-64 lower-case letters, digits and hyphens, starting with a letter (it becomes part of resource names)',
  });

const threshold = z
  .number({ error: 'must be a number greater than 0' })
  .positive({ error: 'must be greater than 0: the alarm fires when this many events are counted in one period' });
const periodSeconds = z
  .number({ error: 'must be a number of seconds: 10, 30 or a multiple of 60' })
  .int({ error: 'must be a whole number of seconds: 10, 30 or a multiple of 60' })
  .min(10, { error: 'must be 10, 30 or a multiple of 60 seconds' })
  .max(MAX_EVALUATION_WINDOW_SECONDS, { error: 'must be at most 86400 seconds (one day)' })
  .refine(isValidPeriod, { error: 'must be 10, 30 or a multiple of 60 seconds' });
const evaluationPeriods = z
  .number({ error: 'must be a whole number >= 1' })
  .int({ error: 'must be a whole number >= 1' })
  .min(1, { error: 'must be at least 1' })
  .max(8640, { error: 'must be at most 8640 (one day of 10-second periods)' });
const datapointsToAlarm = evaluationPeriods;
const treatMissingData = z.enum(['notBreaching', 'breaching', 'ignore', 'missing'], {
  error: 'must be one of notBreaching, breaching, ignore, missing',
});
const severity = z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` });

const override = z
  .strictObject({
    threshold: threshold.optional().meta({ description: 'Alarm when the count in one period reaches this (> 0).' }),
    periodSeconds: periodSeconds.optional().meta({ description: 'Alarm period: 10, 30 or a multiple of 60 seconds.' }),
    evaluationPeriods: evaluationPeriods.optional().meta({ description: 'Periods evaluated (x periodSeconds at most one day).' }),
    datapointsToAlarm: datapointsToAlarm.optional().meta({ description: 'Breaching periods that trigger ALARM (<= evaluationPeriods).' }),
    treatMissingData: treatMissingData.optional().meta({ description: 'CloudWatch treat_missing_data.' }),
    severity: severity.optional().meta({ description: 'Severity, which decides the alert topics.' }),
  })
  .meta({ description: 'Settings that replace the detection\'s defaults; fields left out keep the default.' });

const references = z
  .strictObject({
    cis: z.record(z.string(), z.string()).optional().meta({ description: 'CIS items by benchmark version. @default none' }),
    securityHub: z.string().optional().meta({ description: 'AWS Security Hub control id. @default none' }),
    mitreAttack: z.array(z.string()).optional().meta({ description: 'MITRE ATT&CK technique ids. @default none' }),
    links: z.array(z.string()).optional().meta({ description: 'Further reading. @default none' }),
  })
  .default({})
  .meta({ description: 'Where the detection comes from. @default {}' });

// A number is taken as its text (an unquoted account id in YAML is a number).
const exclusionValue = z.union([z.string(), z.number()], { error: 'must be text (a value of the field)' });
const exclusionFieldTest = {
  field: z
    .string()
    .regex(/^(\$\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+|\[\d+\])*$/, {
      error: 'must be a CloudTrail field path such as userIdentity.arn or userIdentity.sessionContext.sessionIssuer.userName',
    })
    .meta({ description: 'The CloudTrail field tested, e.g. userIdentity.sessionContext.sessionIssuer.userName.' }),
  equals: exclusionValue.optional().meta({ description: 'Leave out events whose field is exactly this.' }),
  like: z.string().min(1).optional().meta({ description: 'Leave out events whose field matches this, * standing for any characters.' }),
  in: z.array(exclusionValue).min(1).optional().meta({ description: 'Leave out events whose field is one of these.' }),
};
const VALUE_TESTS = ['equals', 'like', 'in'] as const;

function oneValueTest(t: Partial<Record<(typeof VALUE_TESTS)[number], unknown>>, ctx: z.core.$RefinementCtx, field = 'field'): void {
  const given = VALUE_TESTS.filter((k) => t[k] !== undefined);
  if (given.length === 1) return;
  ctx.addIssue({
    code: 'custom',
    message: given.length === 0 ? `needs one of equals, like or in next to ${field}: which values to leave out` : `has ${given.join(' and ')}: use only one of equals, like or in`,
  });
}

const structuredExclusion = z
  .strictObject({
    field: exclusionFieldTest.field.optional(),
    equals: exclusionFieldTest.equals,
    like: exclusionFieldTest.like,
    in: exclusionFieldTest.in,
    allOf: z
      .array(z.strictObject(exclusionFieldTest).superRefine((t, ctx) => oneValueTest(t, ctx)))
      .min(1)
      .optional()
      .meta({ description: 'Leave out events for which every one of these field tests holds.' }),
    condition: z.string().min(1).optional().meta({ description: 'Experts: a free-form condition the event must meet (checked like a plain string).' }),
    reason: z
      .string({ error: 'must say why these events are noise (shown in docs/detections.md and the replay report)' })
      .min(1)
      .max(200)
      .meta({ description: 'Why these events are noise: shown in docs/detections.md and the replay report.' }),
  })
  .superRefine((x, ctx) => {
    const forms = (['field', 'allOf', 'condition'] as const).filter((k) => x[k] !== undefined);
    if (forms.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          forms.length === 0
            ? 'needs field (with equals, like or in), allOf (a list of such tests) or condition, e.g. { field: userIdentity.sessionContext.sessionIssuer.userName, equals: Scanner, reason: ... }'
            : `has ${forms.join(' and ')}: use only one of field, allOf or condition`,
      });
    } else if (x.field !== undefined) oneValueTest(x, ctx);
    else if (VALUE_TESTS.some((k) => x[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', message: `equals, like and in go with field (inside allOf, each test has its own)` });
    }
  })
  .meta({ description: 'What to leave out, as data, with its reason.' });

const exclusion = z.union([z.string().min(1, { error: 'must not be empty' }), structuredExclusion], {
  error: 'must be a structured exclusion { field, equals | like | in, reason }, { allOf: [...], reason }, or a condition string',
});

const customDetection = z
  .strictObject({
    id: detectionId.meta({ description: 'Stable id: part of the filter, metric and alarm names.' }),
    title: z.string().min(1).max(200).meta({ description: 'One line for the alarm.' }),
    description: z
      .string()
      .min(1)
      .max(600, { error: 'must be at most 600 characters: it shares the 1024-character alarm description with the query and context' })
      .meta({ description: 'For the person paged: what happened and what to do.' }),
    pattern: z
      .string()
      .min(1, { error: 'must not be empty (an empty pattern would count every event)' })
      .max(1024, { error: 'must be at most 1024 characters (CloudWatch Logs limit for filter patterns)' })
      .meta({ description: 'CloudWatch Logs filter pattern, checked at synth.' }),
    threshold: threshold.default(1).meta({ description: 'Alarm when the count in one period reaches this. @default 1' }),
    periodSeconds: periodSeconds.default(300).meta({ description: 'Alarm period in seconds. @default 300' }),
    evaluationPeriods: evaluationPeriods.default(1).meta({ description: 'Periods evaluated. @default 1' }),
    datapointsToAlarm: datapointsToAlarm.default(1).meta({ description: 'Breaching periods that trigger ALARM. @default 1' }),
    treatMissingData: treatMissingData.default('notBreaching').meta({ description: 'CloudWatch treat_missing_data. @default "notBreaching"' }),
    severity: severity.default('medium').meta({ description: 'Severity, which decides the alert topics. @default "medium"' }),
    references,
  })
  .meta({ description: 'A detection of this environment\'s own, validated exactly like the built-ins.' });

export const detectionsSection = z
  .strictObject({
    complianceMode: z
      .enum(['securityHub', 'tuned', 'both'], { error: 'must be "securityHub" (exact AWS Security Hub patterns), "tuned" or "both"' })
      .default('securityHub')
      .meta({
        description:
          'securityHub: the exact patterns AWS Security Hub CloudWatch.1-14 require; tuned: fewer false positives, but the controls whose pattern differs report FAILED; both: the tuned detections, plus for each control whose pattern differs a Security Hub-exact filter and alarm `<id>-security-hub` at securityHubSeverity (see docs/detections.md). @default "securityHub"',
      }),
    securityHubSeverity: severity
      .default('info')
      .meta({
        description:
          'both mode only: severity (so routing) of the Security Hub-exact alarms, which keep the controls passing; the tuned alarms keep their own severity. @default "info"',
      }),
    metricNamespace: z
      .string()
      .regex(/^(?!AWS\/)[A-Za-z0-9._\/#-]{1,255}$/, {
        error: 'must be 1-255 letters, digits and ._/#-, not starting with "AWS/" (reserved for AWS)',
      })
      .default(DEFAULT_METRIC_NAMESPACE)
      .meta({ description: 'CloudWatch namespace of the detection metrics. @default "trailwatch"' }),
    packs: z
      .strictObject({
        'sign-in': z.boolean().default(true).meta({ description: 'MFA failures, console sign-in failures, root use, sign-in without MFA. @default true' }),
        cis: z.boolean().default(true).meta({ description: 'CIS Foundations Benchmark monitoring (CloudWatch.2, .4, .5, .7-.14, CIS 4.15). @default true' }),
      })
      .default({ 'sign-in': true, cis: true })
      .meta({ description: 'Which packs of built-in detections are on. @default both' }),
    disabled: z
      .array(z.string())
      .default([])
      .meta({ description: 'Detection ids to leave out (built-in or custom). @default []' }),
    overrides: z
      .record(z.string(), override)
      .default({})
      .meta({ description: 'Per detection id: threshold, periodSeconds, evaluationPeriods, datapointsToAlarm, treatMissingData, severity. @default {}' }),
    exclusions: z
      .record(z.string(), z.array(exclusion))
      .default({})
      .meta({
        description:
          'Per detection id: events to leave out, e.g. `{ field: userIdentity.sessionContext.sessionIssuer.userName, equals: Scanner, reason: "..." }` (compiled to `($.f NOT EXISTS) || ($.f != "Scanner")`, which keeps events without the field); appended as `{ (<pattern>) && (<condition>) }`. @default {}',
      }),
    automationRoleNames: z
      .array(z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: 'must be an IAM role name (1-64 letters, digits and +=,.@_-)' }))
      .default([])
      .meta({
        description:
          'tuned and both modes: IAM role names (any account) whose changes the change monitors leave out, e.g. your deployment pipeline role. @default []',
      }),
    custom: z.array(customDetection).default([]).meta({ description: 'Detections of this environment\'s own. @default []' }),
  })
  .default({
    complianceMode: 'securityHub',
    securityHubSeverity: 'info',
    metricNamespace: DEFAULT_METRIC_NAMESPACE,
    packs: { 'sign-in': true, cis: true },
    disabled: [],
    overrides: {},
    exclusions: {},
    automationRoleNames: [],
    custom: [],
  })
  .meta({ description: 'Which detections are on, per-id overrides, exclusions and custom detections (modules/detections).' });

export type DetectionsConfig = z.output<typeof detectionsSection>;

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function detectionsProblems(env: Environment): Problem[] {
  return detectionsConfigProblems(env.detections, alarmContext(env, monitoredLogGroupName(env)), foreignMetricFilters(env));
}

/** What is valid but probably not meant (printed at synth, not fatal); paths relative to the environment file. */
export function detectionsWarnings(env: Environment): Problem[] {
  return detectionsConfigWarnings(env.detections);
}
