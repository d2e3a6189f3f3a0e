/** The shared alarm-module fakes (routing, context, topic ARNs): __tests__/support/alarms.ts. */
export { context, fakeRouting, topicArn } from '../../../__tests__/support/alarms';
