/**
 * `trailwatch`: CDK for Terraform constructs for an AWS Organization CloudTrail trail and the security
 * alarms on its log group. Each construct is also its own subpath (`trailwatch/detections`, ...), which
 * loads only that construct; this root entry also loads the YAML config layer and the app builder.
 */
export * from './modules/common';
export * from './modules/organization-trail';
export * from './modules/alert-topics';
export * from './modules/detections';
export * from './modules/sign-in-brute-force';
export * from './modules/trail-health';
export * from './modules/event-notifications';
export { evaluateTimeline, nextState, sumSeries, maxContributorSeries, type AlarmDefinition, type AlarmTimeline, type AlarmState, type MetricSeries, type Transition } from './modules/alarm-model';
export * from './modules/patterns';
export * from './modules/replay';
export * from './config';
export { buildApp, BuildError } from './stacks/build-app';
export { defaultTags, EnvironmentStack, type EnvironmentStackOptions } from './stacks/environment-stack';
