/**
 * Shared fakes for the alarm modules' unit tests (detections, sign-in failures, trail health): the
 * routing and alarm context the alert-topics module and the environment stack would pass them.
 */
import type { AlarmContext } from '../../modules/common/alarm-description';
import type { AlarmRouting } from '../../modules/common/alarm-routing';
import { ValidationError } from '../../modules/common/errors';
import type { Severity } from '../../modules/common/severity';

export const topicArn = (name: string) => `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-${name}`;

/**
 * Routing as the alert-topics module would do it: critical and high page, the rest open a ticket;
 * only critical says OK; info routes nowhere (so tests can see the "routes to no topic" error).
 */
export const fakeRouting: AlarmRouting = {
  actionsFor(severity: Severity) {
    if (severity === 'info') throw new ValidationError('routing', [{ path: 'info', message: 'routes to no topic' }]);
    const topic = severity === 'critical' || severity === 'high' ? topicArn('page') : topicArn('ticket');
    return { alarmActions: [topic], okActions: severity === 'critical' ? [topic] : [], insufficientDataActions: [] };
  },
};

export const context: AlarmContext = {
  environment: 'acme-prod',
  managementAccountId: '111111111111',
  region: 'us-east-1',
  logGroupName: 'acme-acme-prod-cloudtrail',
};

/** The ValidationError that `fn` throws; fails the test when it throws nothing or something else. */
export function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
