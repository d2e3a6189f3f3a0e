/**
 * The `bruteForce` section of the environment config, owned by this module: failed sign-ins counted per
 * principal and per source IP through Contributor Insights (see sign-in-brute-force.ts for why).
 */
import { z } from 'zod';
import type { Environment } from '../../environment-schema';
import { resourcePrefix } from '../../naming';
import type { Problem } from '../../../modules/common/errors';
import { SEVERITIES } from '../../../modules/common/severity';
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
} from '../../../modules/sign-in-brute-force/sign-in-sources';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../../../modules/common/cloudwatch-limits';

const contributorKeys = (what: string, defaults: readonly string[]) =>
  z
    .array(
      z.string().regex(CONTRIBUTOR_KEY, {
        error: 'must be a JSON field path like $.userIdentity.userName or $.resources[0].ARN (letters, digits, _ and [n])',
      })
      .max(MAX_KEY_LENGTH, { error: `must be at most ${MAX_KEY_LENGTH} characters (it is part of the alarm description)` }),
    )
    .min(1, { error: `must list 1 to ${MAX_KEYS} fields (Contributor Insights keys)` })
    .max(MAX_KEYS, { error: `must list at most ${MAX_KEYS} fields: Contributor Insights allows ${MAX_KEYS} keys per rule` })
    .refine((keys) => new Set(keys).size === keys.length, { error: 'must not list a field twice' })
    .default([...defaults])
    .meta({ description: `${what} @default ${JSON.stringify(defaults)}` });

const defaultPrincipalKeys = {
  console: [...SIGN_IN_SOURCES.console.defaultPrincipalKeys],
  identityCenter: [...SIGN_IN_SOURCES.identityCenter.defaultPrincipalKeys],
};

export const bruteForceSection = z
  .strictObject({
    enabled: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Create the Contributor Insights rules and their alarms. @default true' }),
    threshold: z
      .number({ error: 'must be a number greater than 0' })
      .positive({ error: 'must be greater than 0: the alarm fires when one principal or source IP reaches this many failures in one period' })
      .default(3)
      .meta({ description: 'Alarm when one principal or one source IP reaches this many failed sign-ins in one period. @default 3' }),
    periodSeconds: z
      .number({ error: 'must be a number of seconds, a multiple of 60' })
      .int({ error: 'must be a whole number of seconds, a multiple of 60' })
      .min(60, { error: 'must be at least 60 seconds (Contributor Insights reports per minute)' })
      .max(MAX_EVALUATION_WINDOW_SECONDS, { error: 'must be at most 86400 seconds (one day)' })
      .refine((p) => p % 60 === 0, { error: 'must be a multiple of 60 seconds (Contributor Insights reports per minute)' })
      .default(300)
      .meta({ description: 'Period the failures are counted in, seconds (multiple of 60). @default 300' }),
    evaluationPeriods: z
      .number({ error: 'must be a whole number >= 1' })
      .int({ error: 'must be a whole number >= 1' })
      .min(1, { error: 'must be at least 1' })
      .max(1440, { error: 'must be at most 1440 (one day of 1-minute periods)' })
      .default(1)
      .meta({ description: 'Consecutive periods at or above the threshold before ALARM (x periodSeconds at most one day). @default 1' }),
    severity: z
      .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })
      .default('high')
      .meta({ description: 'Severity of the alarms, which decides the alert topics. @default "high"' }),
    sources: z
      .array(z.enum(SIGN_IN_SOURCE_NAMES, { error: `must be one of ${SIGN_IN_SOURCE_NAMES.join(', ')}` }))
      .min(1, { error: 'must list at least one source; to turn the alarms off set bruteForce.enabled: false' })
      .refine((s) => new Set(s).size === s.length, { error: 'must not list a source twice' })
      .default([...SIGN_IN_SOURCE_NAMES])
      .meta({
        description:
          'Failed sign-ins counted: console (ConsoleLogin with responseElements.ConsoleLogin Failure), identityCenter (CredentialVerification with serviceEventDetails.CredentialVerification Failure). @default ["console", "identityCenter"]',
      }),
    countBy: z
      .array(z.enum(COUNT_BY, { error: `must be one of ${COUNT_BY.join(', ')}` }))
      .min(1, { error: 'must list principal, sourceIp or both; to turn the alarms off set bruteForce.enabled: false' })
      .refine((s) => new Set(s).size === s.length, { error: 'must not list an entry twice' })
      .default([...COUNT_BY])
      .meta({ description: 'What failures are counted by: one rule and one alarm per source and entry. @default ["principal", "sourceIp"]' }),
    principalKeys: z
      .strictObject({
        console: contributorKeys('Fields naming the principal of a failed console sign-in.', defaultPrincipalKeys.console),
        identityCenter: contributorKeys('Fields naming the principal of a failed Identity Center sign-in.', defaultPrincipalKeys.identityCenter),
      })
      .default(defaultPrincipalKeys)
      .meta({ description: 'Contributor Insights keys naming the principal, per source (a contributor is each distinct combination). @default per source' }),
    sourceIpKeys: contributorKeys('Fields naming the source of a failed sign-in.', DEFAULT_SOURCE_IP_KEYS),
  })
  .default({
    enabled: true,
    threshold: 3,
    periodSeconds: 300,
    evaluationPeriods: 1,
    severity: 'high',
    sources: [...SIGN_IN_SOURCE_NAMES],
    countBy: [...COUNT_BY],
    principalKeys: defaultPrincipalKeys,
    sourceIpKeys: [...DEFAULT_SOURCE_IP_KEYS],
  })
  .meta({ description: 'Per-principal and per-source-IP failed sign-in alarms through Contributor Insights (modules/sign-in-brute-force).' });

export type BruteForceConfig = z.output<typeof bruteForceSection>;

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function bruteForceProblems(env: Environment): Problem[] {
  const section = env.bruteForce;
  if (!section.enabled) return [];
  const problems: Problem[] = [];
  if (section.periodSeconds * section.evaluationPeriods > MAX_EVALUATION_WINDOW_SECONDS) {
    problems.push({
      path: 'bruteForce.evaluationPeriods',
      message: `${section.evaluationPeriods} periods of ${section.periodSeconds} s exceed one day (86400 s): lower evaluationPeriods or periodSeconds`,
    });
  }
  for (const source of SIGN_IN_SOURCE_NAMES) {
    const name = ruleName(resourcePrefix(env), `${SIGN_IN_SOURCES[source].slug}-by-source-ip`);
    if (name.length > RULE_NAME_LIMIT) {
      problems.push({ path: 'name', message: `makes the Contributor Insights rule name "${name}" longer than ${RULE_NAME_LIMIT} characters: shorten name or namingPrefix` });
      break;
    }
  }
  return problems;
}

/** The construct settings of an environment's section (without logGroupName, routing, context, namePrefix). */
export function bruteForceSettings(section: BruteForceConfig) {
  return {
    threshold: section.threshold,
    periodSeconds: section.periodSeconds,
    evaluationPeriods: section.evaluationPeriods,
    severity: section.severity,
    sources: section.sources,
    countBy: section.countBy,
    principalKeys: section.principalKeys,
    sourceIpKeys: section.sourceIpKeys,
  };
}
