/**
 * The module sections of the environment config. Each module's section has its own file
 * (config/modules/<module>/config.ts: the schema and the checks that span fields); this file only composes
 * them. The constructs in modules/ know nothing of config/: the config layer maps an environment to props.
 */
import { alertingProblems, alertingSection } from './modules/alert-topics/config';
import { detectionsProblems, detectionsSection, detectionsWarnings } from './modules/detections/config';
import { existingTrailSection, trailProblems, trailSection } from './modules/organization-trail/config';
import { bruteForceProblems, bruteForceSection } from './modules/sign-in-brute-force/config';
import { trailHealthProblems, trailHealthSection } from './modules/trail-health/config';
import { eventNotificationsSection } from './modules/event-notifications/config';
import { eventNotificationsProblems } from './modules/event-notifications/props';

export const environmentSections = {
  trail: trailSection,
  existingTrail: existingTrailSection,
  alerting: alertingSection,
  detections: detectionsSection,
  bruteForce: bruteForceSection,
  trailHealth: trailHealthSection,
  eventNotifications: eventNotificationsSection,
};

/** Each section's cross-field checks, run in this order after the schema validated the file. */
export const sectionChecks = [trailProblems, alertingProblems, detectionsProblems, bruteForceProblems, trailHealthProblems, eventNotificationsProblems];

/** Each section's warnings: valid but probably not meant; printed at synth without stopping it. */
export const sectionWarnings = [detectionsWarnings];
