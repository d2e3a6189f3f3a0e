/**
 * The module sections of the environment config. Each module owns the schema of its own section
 * (modules/<module>/config.ts); this file only composes them.
 */
import { z } from 'zod';

// TEMPORARY until the module config schemas land: sections are accepted as objects.
export const environmentSections = {
  trail: z.looseObject({}).default({}),
  alerting: z.looseObject({}).default({}),
  detections: z.looseObject({}).default({}),
};
