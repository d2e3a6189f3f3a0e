/**
 * The module sections of the environment config. Each module owns the schema of its own section
 * (modules/<module>/config.ts) and the checks that span fields; this file only composes them.
 */
import { alertingProblems, alertingSection } from './modules/alert-topics/config';
import { detectionsProblems, detectionsSection } from './modules/detections/config';
import { trailProblems, trailSection } from './modules/organization-trail/config';
import { bruteForceProblems, bruteForceSection } from './modules/sign-in-brute-force/config';
import { trailHealthProblems, trailHealthSection } from './modules/trail-health/config';

export const environmentSections = {
  trail: trailSection,
  alerting: alertingSection,
  detections: detectionsSection,
  bruteForce: bruteForceSection,
  trailHealth: trailHealthSection,
};

/** Each section's cross-field checks, run in this order after the schema validated the file. */
export const sectionChecks = [trailProblems, alertingProblems, detectionsProblems, bruteForceProblems, trailHealthProblems];
