/**
 * The `bruteForce` section of the environment config, owned by this module.
 * PLACEHOLDER: accepted as any mapping until the module's schema lands.
 */
import { z } from 'zod';
import type { Environment } from '../../config/environment-schema';
import type { Problem } from '../common/errors';

export const bruteForceSection = z.looseObject({}).default({}).meta({ description: 'Per-principal and per-source-IP failed sign-in alarms through Contributor Insights (modules/sign-in-brute-force).' });

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function bruteForceProblems(_env: Environment): Problem[] {
  return [];
}
