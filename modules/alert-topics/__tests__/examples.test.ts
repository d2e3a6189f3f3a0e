/**
 * "Done when": every example environment routes every enabled detection (and the sign-in and
 * trail-health alarms) to at least one encrypted topic that CloudWatch can publish to, proved by
 * evaluating the synthesized topic and key policies, not by reading their text.
 */
import { Testing } from 'cdktf';
import { loadExamples } from '../../../config/__tests__/examples';
import { evaluate } from '../../../__tests__/support/iam-policy';
import { enabledDetections } from '../../../config/modules/detections/resolve';
import { AlertTopics } from '../alert-topics';
import { alertTopicsProps } from '../../../config/modules/alert-topics/config';
import { newStack } from './support';

const examples = loadExamples();

describe.each(examples.map((e) => [e.env.name, e.env] as const))('example environment %s', (_name, env) => {
  const stack = newStack();
  const alerting = new AlertTopics(stack, 'alerting', alertTopicsProps(env));
  const json = JSON.parse(Testing.synth(stack, true));
  const topics = Object.values<any>(json.resource.aws_sns_topic);
  const keyPolicy = Object.values<any>(json.resource.aws_kms_key)[0].policy as string;
  const account = env.managementAccountId;
  const cloudWatch = (alarmName: string) => ({
    'aws:SecureTransport': 'true',
    'aws:SourceAccount': account,
    'aws:SourceArn': `arn:aws:cloudwatch:${env.homeRegion}:${account}:alarm:${alarmName}`,
  });

  const alarms = [
    ...enabledDetections(env).map((d) => ({ name: `${env.namingPrefix}-${env.name}-${d.id}`, severity: d.severity })),
    ...(env.bruteForce.enabled ? [{ name: `${env.namingPrefix}-${env.name}-sign-in-failures`, severity: env.bruteForce.severity }] : []),
    ...(env.trailHealth.enabled ? [{ name: `${env.namingPrefix}-${env.name}-trail-delivery-stopped`, severity: env.trailHealth.severity }] : []),
  ];

  it('has alarms to route (the check below is not vacuous)', () => {
    expect(alarms.length).toBeGreaterThan(5);
  });

  it('routes every alarm to at least one topic encrypted with the created key, which CloudWatch may use and publish to', async () => {
    for (const alarm of alarms) {
      const { alarmActions } = alerting.actionsFor(alarm.severity);
      expect(alarmActions.length).toBeGreaterThan(0);
      for (const arn of alarmActions) {
        const topic = topics.find((t) => arn === `arn:aws:sns:${env.homeRegion}:${account}:${t.name}`);
        expect(topic).toBeDefined();
        expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.alerting_key_[A-F0-9]+\.arn\}$/);
        const request = { principal: 'cloudwatch.amazonaws.com', resourceAccount: account, context: cloudWatch(alarm.name) };
        expect(await evaluate({ resourcePolicy: topic.policy }, { ...request, action: 'sns:Publish', resource: arn })).toBe('Allowed');
        const key = `arn:aws:kms:${env.homeRegion}:${account}:key/00000000-0000-0000-0000-000000000000`;
        expect(await evaluate({ resourcePolicy: keyPolicy }, { ...request, action: 'kms:GenerateDataKey', resource: key })).toBe('Allowed');
        expect(await evaluate({ resourcePolicy: keyPolicy }, { ...request, action: 'kms:Decrypt', resource: key })).toBe('Allowed');
      }
    }
  });
});
