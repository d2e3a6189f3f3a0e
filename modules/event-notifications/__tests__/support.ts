/** Shared test material: a notifier configuration, payloads built from the CloudTrail fixtures, a fake SNS client. */
import { PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { loadCloudTrailFixtures } from '../../../__tests__/support/fixtures';
import { builtInDetections } from '../../detections/catalogue';
import type { NotifierConfig } from '../handler/config';
import { encodePayload, type LogsPayload, type SubscriptionEvent } from '../handler/decode';
import { DEFAULT_PER_EVENT_DETECTIONS, SUBJECT_LABELS } from '../props';

export const topic = (name: string) => `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-${name}`;

export const notifierConfig: NotifierConfig = {
  environment: 'acme-prod',
  region: 'us-east-1',
  logGroupName: '/trailwatch/acme-acme-prod/cloudtrail',
  floodThreshold: 10,
  accounts: { '111122223333': 'prod' },
  detections: builtInDetections('securityHub')
    .filter((d) => DEFAULT_PER_EVENT_DETECTIONS.includes(d.id))
    .map((d) => ({ id: d.id, title: d.title, description: d.description, severity: d.severity, pattern: d.pattern, label: SUBJECT_LABELS[d.id] ?? d.title })),
  routes: {
    critical: [{ topicArn: topic('pager'), format: 'text' }],
    high: [
      { topicArn: topic('security'), format: 'text' },
      { topicArn: topic('chat'), format: 'chatbot' },
    ],
  },
};

const fixtures = new Map(loadCloudTrailFixtures().map((f) => [f.file.replace(/\.json$/, ''), f.event]));

/** One CloudTrail record of the fixtures, by file name without `.json`, optionally changed. */
export function record(name: string, change: (r: any) => void = () => undefined): Record<string, unknown> {
  const event = fixtures.get(name);
  if (!event) throw new Error(`no fixture ${name}`);
  const copy = structuredClone(event);
  change(copy);
  return copy;
}

/** A subscription payload as CloudWatch Logs delivers it: gzip + base64 of the logEvents document. */
export function payload(messages: (Record<string, unknown> | string)[], messageType: LogsPayload['messageType'] = 'DATA_MESSAGE'): SubscriptionEvent {
  return encodePayload({
    messageType,
    owner: '111111111111',
    logGroup: notifierConfig.logGroupName,
    logStream: 'o-acme4prod01_CloudTrail_us-east-1',
    subscriptionFilters: ['acme-acme-prod-notify'],
    logEvents: messages.map((m, i) => ({
      id: `3${String(i).padStart(55, '0')}`,
      timestamp: 1_700_000_000_000 + i,
      message: typeof m === 'string' ? m : JSON.stringify(m),
    })),
  });
}

/** An SNS client double at the client boundary: records every PublishCommand's input. */
export class FakeSns {
  readonly sent: PublishCommandInput[] = [];
  constructor(private readonly failFor: (input: PublishCommandInput) => boolean = () => false) {}
  async send(command: PublishCommand): Promise<{ MessageId: string }> {
    if (!(command instanceof PublishCommand)) throw new Error('only PublishCommand is expected');
    if (this.failFor(command.input)) throw new Error('AuthorizationError: not authorized to publish');
    this.sent.push(command.input);
    return { MessageId: String(this.sent.length) };
  }
  to(name: string): PublishCommandInput[] {
    return this.sent.filter((s) => s.TopicArn === topic(name));
  }
}
