/**
 * The `trailHealth` section of the environment config, owned by this module: the alarm that fires
 * when the trail stops delivering events to its log group.
 */
import { z } from 'zod';
import type { Environment } from '../../environment-schema';
import type { Problem } from '../../../modules/common/errors';
import { HIGHEST_SEVERITY, SEVERITIES } from '../../../modules/common/severity';
import { MIN_WINDOW_SECONDS } from '../../../modules/trail-health/window';
import { MAX_EVALUATION_WINDOW_SECONDS } from '../../../modules/common/cloudwatch-limits';

export const trailHealthSection = z
  .strictObject({
    enabled: z
      .boolean({ error: 'must be true or false' })
      .default(true)
      .meta({ description: 'Create the trail-delivery alarm. @default true' }),
    windowSeconds: z
      .number({ error: `must be a number of seconds, a multiple of 60 from ${MIN_WINDOW_SECONDS} to 86400` })
      .int({ error: 'must be a whole number of seconds, a multiple of 60' })
      .min(MIN_WINDOW_SECONDS, {
        error: `must be at least ${MIN_WINDOW_SECONDS} seconds: CloudTrail delivers in batches, a shorter window pages on ordinary delivery delay`,
      })
      .max(MAX_EVALUATION_WINDOW_SECONDS, { error: 'must be at most 86400 seconds (one day)' })
      .refine((w) => w % 60 === 0, { error: 'must be a multiple of 60 seconds (AWS/Logs metrics are per minute)' })
      .default(3600)
      .meta({ description: 'Alarm when no event reached the log group for this many seconds (the alarm period). @default 3600' }),
    evaluationPeriods: z
      .number({ error: 'must be a whole number >= 1' })
      .int({ error: 'must be a whole number >= 1' })
      .min(1, { error: 'must be at least 1' })
      .max(96, { error: `must be at most 96 (one day of ${MIN_WINDOW_SECONDS}-second windows)` })
      .default(1)
      .meta({ description: 'Consecutive empty windows before ALARM (x windowSeconds at most one day). @default 1' }),
    severity: z
      .enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` })
      .default(HIGHEST_SEVERITY)
      .meta({ description: `Severity of the alarm, which decides the alert topics. @default "${HIGHEST_SEVERITY}"` }),
  })
  .default({ enabled: true, windowSeconds: 3600, evaluationPeriods: 1, severity: HIGHEST_SEVERITY })
  .meta({ description: 'The alarm that fires when the trail stops delivering events to the log group (modules/trail-health).' });

export type TrailHealthConfig = z.output<typeof trailHealthSection>;

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function trailHealthProblems(env: Environment): Problem[] {
  const section = env.trailHealth;
  if (!section.enabled) return [];
  if (section.windowSeconds * section.evaluationPeriods > MAX_EVALUATION_WINDOW_SECONDS) {
    return [
      {
        path: 'trailHealth.evaluationPeriods',
        message: `${section.evaluationPeriods} windows of ${section.windowSeconds} s exceed one day (86400 s): lower evaluationPeriods or windowSeconds`,
      },
    ];
  }
  return [];
}

/** The construct settings of an environment's section (without logGroupName, routing, context, namePrefix). */
export function trailHealthSettings(section: TrailHealthConfig) {
  return { windowSeconds: section.windowSeconds, evaluationPeriods: section.evaluationPeriods, severity: section.severity };
}
