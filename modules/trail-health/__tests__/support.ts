import type { AlarmContext } from '../../common/alarm-description';
import type { AlarmRouting } from '../../common/alarm-routing';
import { ValidationError } from '../../common/errors';
import type { Severity } from '../../common/severity';

export const topicArn = (name: string) => `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-${name}`;

/** Routing as the alert-topics module would do it: critical pages (and says OK), high and below open a ticket; info routes nowhere. */
export const fakeRouting: AlarmRouting = {
  actionsFor(severity: Severity) {
    if (severity === 'info') throw new ValidationError('routing', [{ path: 'info', message: 'routes to no topic' }]);
    const topic = severity === 'critical' ? topicArn('page') : topicArn('ticket');
    return { alarmActions: [topic], okActions: severity === 'critical' ? [topic] : [], insufficientDataActions: [] };
  },
};

export const context: AlarmContext = {
  environment: 'acme-prod',
  managementAccountId: '111111111111',
  region: 'us-east-1',
  logGroupName: 'acme-acme-prod-cloudtrail',
};
