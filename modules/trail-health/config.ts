/**
 * The `trailHealth` section of the environment config, owned by this module.
 * PLACEHOLDER: accepted as any mapping until the module's schema lands.
 */
import { z } from 'zod';
import type { Environment } from '../../config/environment-schema';
import type { Problem } from '../common/errors';

export const trailHealthSection = z.looseObject({}).default({}).meta({ description: 'The alarm that fires when the trail stops delivering events to the log group (modules/trail-health).' });

/**
 * Checks across fields or sections that the schema alone cannot express (run after the schema, before any
 * construct); empty when valid. Paths are relative to the environment file, e.g. `alerting.routes.critical`.
 */
export function trailHealthProblems(_env: Environment): Problem[] {
  return [];
}
