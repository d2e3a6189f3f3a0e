/**
 * `trailwatch/sign-in-brute-force`: failed sign-ins counted per principal and per source IP through
 * CloudWatch Contributor Insights rules, with an alarm per rule.
 */
export {
  BRUTE_FORCE_DEFAULTS,
  BRUTE_FORCE_TAG,
  SignInBruteForce,
  signInBruteForceProblems,
  type ContributorAlarm,
  type SignInBruteForceProps,
} from './sign-in-brute-force';
export { COUNT_BY, DEFAULT_SOURCE_IP_KEYS, SIGN_IN_SOURCE_NAMES, SIGN_IN_SOURCES, type CountBy, type SignInSourceName } from './sign-in-sources';
export { SEVERITIES, type Severity } from '../common/severity';
export type { AlarmActions, AlarmRouting } from '../common/alarm-routing';
export type { AlarmContext } from '../common/alarm-description';
export { ValidationError, type Problem } from '../common/errors';
