/**
 * The module sections of the environment config. Each module's section has its own file
 * (config/modules/<module>/config.ts: the schema and the checks that span fields); this file only composes
 * them. The constructs in modules/ know nothing of config/: the config layer maps an environment to props.
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
