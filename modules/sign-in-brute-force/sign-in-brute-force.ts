/**
 * Failed sign-ins counted per principal and per source IP with CloudWatch Contributor Insights, on the
 * organization trail's log group, with one alarm per rule on its largest contributor.
 *
 * Why not a metric filter with a source-IP dimension: an attack from many addresses pushes such a
 * filter past CloudWatch's limit of 1,000 dimension values per hour, and CloudWatch then disables the
 * filter, blinding the very alarm meant to catch the attack. A Contributor Insights rule has no such
 * cliff: it tracks the top contributors whatever their number.
 *
 * Why one rule per key (principal, source IP) rather than both keys in one rule: with several keys a
 * contributor is each distinct combination, so one user attacked from ten addresses would count 1 per
 * address and never reach the threshold, nor would one address spraying ten users.
 */
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { CloudwatchContributorInsightRule } from '@cdktf/provider-aws/lib/cloudwatch-contributor-insight-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { alarmDescription, type AlarmContext } from '../common/alarm-description';
import type { AlarmRouting } from '../common/alarm-routing';
import { ValidationError, type Problem } from '../common/errors';
import { isSeverity, SEVERITIES, type Severity } from '../common/severity';
import { contributorInsightsQuery, ruleDefinition } from './rule-definition';
import {
  CONTRIBUTOR_KEY,
  COUNT_BY,
  DEFAULT_SOURCE_IP_KEYS,
  MAX_KEY_LENGTH,
  MAX_KEYS,
  RULE_NAME_LIMIT,
  ruleName,
  SIGN_IN_SOURCE_NAMES,
  SIGN_IN_SOURCES,
  type CountBy,
  type SignInSourceName,
} from './sign-in-sources';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../common/cloudwatch-limits';

/** Tag on every rule and alarm naming what it counts, e.g. `console-by-principal`. */
export const BRUTE_FORCE_TAG = 'trailwatch:sign-in-failures';

/** The SignInBruteForce settings when none are given. */
export const BRUTE_FORCE_DEFAULTS = {
  threshold: 3,
  periodSeconds: 300,
  evaluationPeriods: 1,
  severity: 'high' as Severity,
  sources: SIGN_IN_SOURCE_NAMES,
  countBy: COUNT_BY,
  sourceIpKeys: DEFAULT_SOURCE_IP_KEYS,
};

/** Props of SignInBruteForce. Invalid props throw one ValidationError listing every problem (signInBruteForceProblems). */
export interface SignInBruteForceProps {
  /** Log group the trail delivers to (a plain config-derived name, not a token). Required. */
  readonly logGroupName: string;
  /**
   * What must exist before anything here names the log group: the log group resource when the same stack
   * creates it. The name above is a literal (plan-time known), which carries no dependency; without this
   * Terraform creates the Contributor Insights rules in parallel with the log group and PutInsightRule fails with ResourceNotFoundException.
   * @default [] (the log group exists already, e.g. a trail this stack does not manage)
   */
  readonly logGroupDependsOn?: readonly ITerraformDependable[];
  /** Alarm actions per severity (the alert-topics module implements it). Required. */
  readonly routing: AlarmRouting;
  /** Environment, account, region and log group named in every alarm description. Required. */
  readonly context: AlarmContext;
  /** Start of every rule and alarm name, `<namingPrefix>-<environment>` (config/naming.ts resourcePrefix). Required. */
  readonly namePrefix: string;
  /** Alarm when one contributor reaches this many failed sign-ins in one period (> 0). @default 3 */
  readonly threshold?: number;
  /** Period the failures are counted in: 60 or a multiple of 60 seconds (Contributor Insights reports per minute). @default 300 */
  readonly periodSeconds?: number;
  /** Consecutive periods at or above the threshold before ALARM (periodSeconds x this <= 86400). @default 1 */
  readonly evaluationPeriods?: number;
  /** Severity of the alarms, which decides the alert topics. @default "high" */
  readonly severity?: Severity;
  /** Which failed sign-ins are counted: `console` (ConsoleLogin), `identityCenter` (CredentialVerification). @default both */
  readonly sources?: readonly SignInSourceName[];
  /** What failures are counted by: `principal`, `sourceIp`; one rule and alarm per source and entry. @default both */
  readonly countBy?: readonly CountBy[];
  /**
   * Fields (Contributor Insights JSON notation, up to 4) naming the principal, per source.
   * @default console: $.recipientAccountId, $.userIdentity.userName; identityCenter: $.userIdentity.userName
   */
  readonly principalKeys?: Partial<Record<SignInSourceName, readonly string[]>>;
  /** Fields (up to 4) naming the source of the attempt. @default ["$.sourceIPAddress"] */
  readonly sourceIpKeys?: readonly string[];
}

/** The rule and alarm for one source and one key. */
export interface ContributorAlarm {
  readonly rule: CloudwatchContributorInsightRule;
  readonly alarm: CloudwatchMetricAlarm;
}

/** Contributor Insights rules that count failed sign-ins per principal and per source IP, and an alarm on each rule. */
export class SignInBruteForce extends Construct {
  /** Rule and alarm by `<source slug>-by-<principal|source-ip>`, e.g. `console-by-principal`. */
  public readonly byName: ReadonlyMap<string, ContributorAlarm>;

  constructor(scope: Construct, id: string, props: SignInBruteForceProps) {
    super(scope, id);
    const settings = resolve(props);
    throwIfInvalid(this.node.path, props, settings);
    const actions = props.routing.actionsFor(settings.severity);
    const byName = new Map<string, ContributorAlarm>();

    for (const sourceName of settings.sources) {
      const source = SIGN_IN_SOURCES[sourceName];
      for (const countBy of settings.countBy) {
        const keys = keysFor(settings, sourceName, countBy);
        const slug = `${source.slug}-by-${countBy === 'principal' ? 'principal' : 'source-ip'}`;
        const name = ruleName(props.namePrefix, slug);
        const rule = new CloudwatchContributorInsightRule(this, `rule-${slug}`, {
          ruleName: name,
          ruleState: 'ENABLED',
          ruleDefinition: JSON.stringify(ruleDefinition(props.logGroupName, source, keys)),
          tags: { [BRUTE_FORCE_TAG]: slug },
          ...(props.logGroupDependsOn?.length ? { dependsOn: [...props.logGroupDependsOn] } : {}),
        });
        const alarm = new CloudwatchMetricAlarm(this, `alarm-${slug}`, {
          alarmName: name,
          alarmDescription: describe(props.context, sourceName, countBy, keys, settings),
          metricQuery: [
            {
              id: 'max_contributor',
              label: `Failed sign-ins of the top ${countBy === 'principal' ? 'principal' : 'source IP'}`,
              // Metric math reads the rule by name; the rule must exist first (dependsOn below).
              expression: `INSIGHT_RULE_METRIC('${name}', 'MaxContributorValue')`,
              period: settings.periodSeconds,
              returnData: true,
            },
          ],
          threshold: settings.threshold,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          evaluationPeriods: settings.evaluationPeriods,
          datapointsToAlarm: settings.evaluationPeriods,
          // No failed sign-ins means no contributors and no data point: that is the normal, quiet state.
          treatMissingData: 'notBreaching',
          actionsEnabled: true,
          alarmActions: actions.alarmActions,
          okActions: actions.okActions,
          insufficientDataActions: actions.insufficientDataActions,
          tags: { [BRUTE_FORCE_TAG]: slug, 'trailwatch:severity': settings.severity },
          dependsOn: [rule, ...(actions.dependsOn ?? [])],
        });
        byName.set(slug, { rule, alarm });
      }
    }
    this.byName = byName;
  }
}

type Settings = Required<Omit<SignInBruteForceProps, 'logGroupName' | 'logGroupDependsOn' | 'routing' | 'context' | 'namePrefix' | 'principalKeys'>> & {
  readonly principalKeys: Record<SignInSourceName, readonly string[]>;
};

function resolve(props: SignInBruteForceProps): Settings {
  return {
    threshold: props.threshold ?? BRUTE_FORCE_DEFAULTS.threshold,
    periodSeconds: props.periodSeconds ?? BRUTE_FORCE_DEFAULTS.periodSeconds,
    evaluationPeriods: props.evaluationPeriods ?? BRUTE_FORCE_DEFAULTS.evaluationPeriods,
    severity: props.severity ?? BRUTE_FORCE_DEFAULTS.severity,
    sources: props.sources ?? BRUTE_FORCE_DEFAULTS.sources,
    countBy: props.countBy ?? BRUTE_FORCE_DEFAULTS.countBy,
    sourceIpKeys: props.sourceIpKeys ?? BRUTE_FORCE_DEFAULTS.sourceIpKeys,
    principalKeys: {
      console: props.principalKeys?.console ?? SIGN_IN_SOURCES.console.defaultPrincipalKeys,
      identityCenter: props.principalKeys?.identityCenter ?? SIGN_IN_SOURCES.identityCenter.defaultPrincipalKeys,
    },
  };
}

function keysFor(settings: Settings, source: SignInSourceName, countBy: CountBy): readonly string[] {
  return countBy === 'principal' ? settings.principalKeys[source] : settings.sourceIpKeys;
}

function describe(context: AlarmContext, sourceName: SignInSourceName, countBy: CountBy, keys: readonly string[], s: Settings): string {
  const source = SIGN_IN_SOURCES[sourceName];
  const who = countBy === 'principal' ? 'one principal' : 'one source IP';
  const minutes = (s.periodSeconds * s.evaluationPeriods) / 60;
  return alarmDescription({
    summary:
      `[${s.severity}] ${source.title}: ${who} reached ${s.threshold} in ${s.periodSeconds / 60} min` +
      `${s.evaluationPeriods > 1 ? ` for ${s.evaluationPeriods} periods (${minutes} min)` : ''}, counted by ${keys.join(', ')}. ` +
      'The query lists the top contributors: check whether it is a person mistyping or guessing, lock the user or block the address.',
    context,
    insightsQuery: contributorInsightsQuery(source, keys, s.periodSeconds),
    lookbackSeconds: Math.max(3600, s.periodSeconds * s.evaluationPeriods),
  });
}

/** Every problem with the props, not only the first; empty when valid. */
export function signInBruteForceProblems(props: SignInBruteForceProps): Problem[] {
  return problemsOf(props, resolve(props));
}

function throwIfInvalid(subject: string, props: SignInBruteForceProps, settings: Settings): void {
  const problems = problemsOf(props, settings);
  if (problems.length > 0) throw new ValidationError(subject, problems);
}

function problemsOf(props: SignInBruteForceProps, s: Settings): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!props.logGroupName || !/^[\w\-./#]{1,512}$/.test(props.logGroupName)) {
    add('logGroupName', `"${props.logGroupName}" must be 1-512 characters of letters, digits and _-./#`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,70}$/.test(props.namePrefix ?? '')) {
    add('namePrefix', `"${props.namePrefix}" must be 1-71 lower-case letters, digits and hyphens (resourcePrefix(env))`);
  }
  if (!(typeof s.threshold === 'number' && Number.isFinite(s.threshold) && s.threshold > 0)) {
    add('threshold', `${s.threshold} must be a number greater than 0 (failed sign-ins by one contributor in one period)`);
  }
  if (!(Number.isInteger(s.periodSeconds) && s.periodSeconds >= 60 && s.periodSeconds % 60 === 0 && s.periodSeconds <= MAX_EVALUATION_WINDOW_SECONDS)) {
    add('periodSeconds', `${s.periodSeconds} must be a multiple of 60 seconds between 60 and 86400 (Contributor Insights reports per minute)`);
  }
  if (!(Number.isInteger(s.evaluationPeriods) && s.evaluationPeriods >= 1)) {
    add('evaluationPeriods', `${s.evaluationPeriods} must be a whole number >= 1`);
  } else if (Number.isInteger(s.periodSeconds) && s.periodSeconds * s.evaluationPeriods > MAX_EVALUATION_WINDOW_SECONDS) {
    add('evaluationPeriods', `${s.evaluationPeriods} periods of ${s.periodSeconds} s exceed one day (86400 s): lower evaluationPeriods or periodSeconds`);
  }
  if (!isSeverity(s.severity)) add('severity', `"${s.severity}" must be one of ${SEVERITIES.join(', ')}`);
  listProblems('sources', s.sources, SIGN_IN_SOURCE_NAMES, add);
  listProblems('countBy', s.countBy, COUNT_BY, add);
  for (const name of SIGN_IN_SOURCE_NAMES) keyProblems(`principalKeys.${name}`, s.principalKeys[name], add);
  keyProblems('sourceIpKeys', s.sourceIpKeys, add);
  if (/^[a-z0-9][a-z0-9-]{0,70}$/.test(props.namePrefix ?? '')) {
    for (const name of SIGN_IN_SOURCE_NAMES) {
      const longest = ruleName(props.namePrefix, `${SIGN_IN_SOURCES[name].slug}-by-source-ip`);
      if (longest.length > RULE_NAME_LIMIT) add('namePrefix', `makes the rule name "${longest}" longer than ${RULE_NAME_LIMIT} characters: shorten it`);
    }
  }
  if (problems.length === 0) {
    for (const source of s.sources) {
      for (const countBy of s.countBy) {
        try {
          describe(props.context, source, countBy, keysFor(s, source, countBy), s);
        } catch (e) {
          add('context.logGroupName', `${(e as Error).message} (log group name too long for the alarm description)`);
          return problems;
        }
      }
    }
  }
  return problems;
}

function listProblems<T extends string>(path: string, values: readonly T[], allowed: readonly T[], add: (p: string, m: string) => void): void {
  if (values.length === 0) add(path, `must name at least one of ${allowed.join(', ')} (to turn the alarms off, leave the construct out)`);
  values.forEach((v, i) => {
    if (!allowed.includes(v)) add(`${path}[${i}]`, `"${v}" must be one of ${allowed.join(', ')}`);
    else if (values.indexOf(v) !== i) add(`${path}[${i}]`, `"${v}" is listed twice`);
  });
}

function keyProblems(path: string, keys: readonly string[], add: (p: string, m: string) => void): void {
  if (keys.length < 1 || keys.length > MAX_KEYS) add(path, `has ${keys.length} keys: Contributor Insights needs 1 to ${MAX_KEYS}`);
  keys.forEach((k, i) => {
    if (!CONTRIBUTOR_KEY.test(k) || k.length > MAX_KEY_LENGTH) {
      add(`${path}[${i}]`, `"${k}" must be a JSON field path of at most ${MAX_KEY_LENGTH} characters like $.userIdentity.userName or $.resources[0].ARN`);
    }
    else if (keys.indexOf(k) !== i) add(`${path}[${i}]`, `"${k}" is listed twice`);
  });
}
