/**
 * `trailwatch/config`: the YAML-driven side of trailwatch. Loads and validates environment files
 * (zod schema, one line per problem), and maps a validated environment to each construct's props.
 * The constructs themselves never import this: a library user can compose them from props alone.
 */
export {
  ConfigError,
  configFiles,
  DEFAULT_CONFIG_PATH,
  loadEnvironments,
  loadEnvironmentsOrThrow,
  loadFile,
  type LoadedEnvironment,
  type LoadResult,
} from './load';
export { environmentSchema, type Environment, type EnvironmentInput } from './environment-schema';
export { renderJsonSchema, SCHEMA_FILE } from './json-schema';
export {
  accessLogBucketName,
  alarmContext,
  logBucketAccount,
  logBucketName,
  resourcePrefix,
  stackName,
  stateLocation,
  trailLogGroupName,
  trailName,
  type NamingInput,
} from './naming';
export { organizationTrailSettings } from './modules/organization-trail/settings';
export { alertTopicsProps } from './modules/alert-topics/config';
export { detectionAlarmsProps } from './modules/detections/props';
export { enabledDetections, resolveDetections, type ResolvedDetection } from './modules/detections/resolve';
export { signInBruteForceProps } from './modules/sign-in-brute-force/props';
export { trailHealthProps } from './modules/trail-health/props';
