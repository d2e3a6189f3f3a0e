/**
 * Per-event notifications end to end on the emulator: the function's package exactly as applied (the
 * zip in the stack's assets), its bundled `index.handler` run in Node.js with its AWS SDK pointed at
 * the emulator and the management account's credentials, given a CloudWatch Logs payload (gzip +
 * base64) holding a failed IAM MFA sign-in from the fixtures. The message must reach a queue
 * subscribed to the real topic the apply created for that detection's severity, naming the user, the
 * account and the source IP. (moto does not run Lambda functions without Docker, and does not deliver
 * subscription filters to them, so the handler runs here, as Lambda would run it.)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { loadCloudTrailFixtures } from '../../__tests__/support/fixtures';
import type { NotifierConfig } from '../../modules/event-notifications/handler/config';
import { encodePayload } from '../../modules/event-notifications/handler/decode';
import { xmlValue, xmlValues } from '../aws';
import type { CheckContext, CheckOutcome } from '../check-context';
import { resourcePrefix } from '../../config/naming';

const SNS = '2010-03-31';
const SQS = '2012-11-05';
const DETECTION = 'iam-console-mfa-failure';
const USER = 'e2e-mallory';
const SOURCE_IP = '203.0.113.77';

const unescapeXml = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#xD;/g, '\r').replace(/&#xA;/g, '\n').replace(/&amp;/g, '&');

function runHandler(dir: string, event: object, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const script = `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler(JSON.parse(process.argv[1])).then((r) => console.log('RESULT ' + JSON.stringify(r)), (e) => { console.error(e); process.exit(3); });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(event)], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const env = ctx.environment;
  if (!env.eventNotifications.enabled) return { passed: true, summary: 'eventNotifications.enabled is false: nothing to check' };
  const fn = ctx.resources.find((r) => r.type === 'aws_lambda_function');
  if (!fn) return { passed: false, summary: 'no aws_lambda_function in the state, though eventNotifications is enabled' };

  // The package as applied, unpacked where Node.js can run it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-e2e-notify-'));
  new AdmZip(path.join(ctx.workspace.dir, fn.values.filename as string)).extractAllTo(dir, true);
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as NotifierConfig;
  const detection = config.detections.find((d) => d.id === DETECTION);
  if (!detection) return { passed: true, summary: `${DETECTION} does not notify per event in this environment: nothing to check` };
  const routed = config.routes[detection.severity] ?? [];
  if (routed.length === 0) return { passed: false, summary: `the function's config routes ${detection.severity} to no topic` };
  // Emulator gap: moto delivers to https subscribers inside Publish and answers 500 when the endpoint
  // cannot be reached (no network here). Publish to a routed topic without one; AWS delivers https
  // asynchronously and never fails the Publish for it.
  const withHttps = new Set(env.alerting.topics.filter((t) => t.subscriptions.some((s) => s.protocol === 'https')).map((t) => t.name));
  const topicArn = routed.map((t) => t.topicArn).find((arn) => !withHttps.has(arn.split(':').pop()!.slice(`${resourcePrefix(env)}-`.length)));
  if (!topicArn) {
    return { passed: true, summary: `skipped (emulator gap): every topic of severity ${detection.severity} has an https subscriber, which moto calls inside Publish and fails on` };
  }

  const mgmt = env.managementAccountId;
  const sns = ctx.client();
  const sqs = ctx.client();
  await sns.query('sns', 'GetTopicAttributes', SNS, { TopicArn: topicArn }); // throws when the applied topic is missing
  const queueUrl = xmlValue(await sqs.query('sqs', 'CreateQueue', SQS, { QueueName: `${env.name}-e2e-notify-probe` }), 'QueueUrl');
  const queueArn = xmlValue(await sqs.query('sqs', 'GetQueueAttributes', SQS, { QueueUrl: queueUrl, 'AttributeName.1': 'QueueArn' }), 'Value');
  const subscriptionArn = xmlValue(await sns.query('sns', 'Subscribe', SNS, { TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }), 'SubscriptionArn');
  try {
    const base = loadCloudTrailFixtures().find((f) => f.file === 'seed-iam-user-failed-mfa.json')!.event as Record<string, any>;
    const account = env.logArchiveAccountId ?? mgmt;
    const record = {
      ...base,
      recipientAccountId: account,
      sourceIPAddress: SOURCE_IP,
      eventID: `e2e-${env.name}`,
      userIdentity: { ...base.userIdentity, accountId: account, userName: USER, arn: `arn:aws:iam::${account}:user/${USER}` },
    };
    const event = encodePayload({
      messageType: 'DATA_MESSAGE',
      owner: mgmt,
      logGroup: config.logGroupName,
      logStream: `${env.organizationId}_CloudTrail_${env.homeRegion}`,
      subscriptionFilters: [fn.values.function_name as string],
      logEvents: [{ id: '1', timestamp: Date.now(), message: JSON.stringify(record) }],
    });
    const creds = ctx.credentials.get(mgmt)!;
    const run = await runHandler(dir, event, {
      AWS_ENDPOINT_URL: ctx.endpoint,
      AWS_REGION: env.homeRegion,
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    });
    if (run.code !== 0) return { passed: false, summary: `the bundled handler failed (exit ${run.code})`, details: run.output.split('\n').slice(-20) };

    let bodies: string[] = [];
    for (let i = 0; i < 10 && bodies.length === 0; i++) {
      const xml = await sqs.query('sqs', 'ReceiveMessage', SQS, { QueueUrl: queueUrl, MaxNumberOfMessages: '10', WaitTimeSeconds: '1' });
      bodies = xmlValues(xml, 'Body').map(unescapeXml);
    }
    if (bodies.length === 0) return { passed: false, summary: `no message reached the queue subscribed to ${topicArn}`, details: run.output.split('\n').slice(-10) };
    const envelope = JSON.parse(bodies[0]) as { Subject?: string; Message: string; MessageAttributes?: Record<string, { Value: string }> };
    const text = `${envelope.Subject ?? ''}\n${envelope.Message}`;
    const missing = [USER, account, SOURCE_IP].filter((s) => !text.includes(s));
    if (envelope.MessageAttributes?.detection?.Value !== DETECTION) missing.push(`message attribute detection=${DETECTION}`);
    return missing.length
      ? { passed: false, summary: `the message on ${topicArn} lacks ${missing.join(', ')}`, details: text.split('\n').slice(0, 20) }
      : { passed: true, summary: `bundled handler published "${envelope.Subject}" to ${topicArn.split(':').pop()}, received by a subscribed queue` };
  } finally {
    await sns.query('sns', 'Unsubscribe', SNS, { SubscriptionArn: subscriptionArn }).catch(() => undefined);
    await sqs.query('sqs', 'DeleteQueue', SQS, { QueueUrl: queueUrl }).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
