/**
 * Values the plan marks sensitive never reach the comment. The plans of these stacks carry none, so
 * the test marks values of a real plan sensitive the way Terraform does (`after_sensitive` /
 * `before_sensitive` masks, and `sensitive` outputs) and checks the review shows `(sensitive)`.
 */
import { renderComment } from '../index';
import { fixtureJson, reviewFixture } from './support/plans';

describe('sensitive values', () => {
  it('are shown as (sensitive), never as their value', () => {
    const plan = fixtureJson('acme-prod.create.json');
    const pager = plan.resource_changes.find((r: any) => r.type === 'aws_sns_topic_subscription' && r.change.after.protocol === 'https');
    const secret = pager.change.after.endpoint as string;
    pager.change.after_sensitive = { endpoint: true };
    const alarm = plan.resource_changes.find((r: any) => r.type === 'aws_cloudwatch_metric_alarm');
    alarm.change.after_sensitive = { alarm_actions: [true] };
    const md = renderComment([reviewFixture('acme-prod.create.json', plan)]);
    expect(md).toContain('Subscription added: https `(sensitive)` on topic `acme-acme-prod-pager`.');
    expect(md).toMatch(/is added \(high\): alarms at ≥ 1 event in 5 min, notifies `\(sensitive\)`\./);
    expect(md).not.toContain(secret);
    expect(md).not.toContain('0123456789abcdef');
  });
});
