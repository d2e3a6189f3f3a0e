/**
 * The words of a notification: one subject line (SNS: at most 100 printable ASCII characters, no line
 * breaks; Amazon SNS API Reference, Publish, Subject), a plain-text body, or the AWS Chatbot custom
 * notification (AWS Chatbot Administrator Guide, "Custom notifications", event schema: version "1.0",
 * source "custom", content.textType "client-markdown", title, description, nextSteps, keywords;
 * metadata.summary, eventType, relatedResources, additionalContext).
 */
import { insightsConsoleUrlBetween } from '../../common/alarm-description';
import type { MessageFormat, NotifiedDetection, NotifierConfig } from './config';
import { principalOf, type Principal } from './principal';

export const SUBJECT_LIMIT = 100;
/** How far either side of the event the Logs Insights query looks. */
export const QUERY_WINDOW_MS = 60 * 60 * 1000;

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** What one matching record says, in the words the messages use. */
export interface EventFacts {
  readonly principal: Principal;
  readonly accountId: string;
  readonly accountName?: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly region: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: string;
  readonly eventId: string;
  readonly errorCode?: string;
}

export function factsOf(record: Json, accounts: NotifierConfig['accounts']): EventFacts {
  const userIdentity = (record.userIdentity ?? {}) as Json;
  const accountId = str(record.recipientAccountId) ?? str(userIdentity.accountId) ?? 'unknown account';
  const accountName = accounts[accountId];
  return {
    principal: principalOf(record),
    accountId,
    ...(accountName ? { accountName } : {}),
    sourceIp: str(record.sourceIPAddress) ?? 'unknown address',
    userAgent: str(record.userAgent) ?? 'unknown',
    region: str(record.awsRegion) ?? 'unknown',
    eventName: str(record.eventName) ?? 'unknown',
    eventSource: str(record.eventSource) ?? 'unknown',
    eventTime: str(record.eventTime) ?? 'unknown',
    eventId: str(record.eventID) ?? 'unknown',
    ...(str(record.errorCode) ? { errorCode: str(record.errorCode) } : {}),
  };
}

/** `prod (111111111111)`, or the ID alone when config names no account. */
export function accountLabel(f: Pick<EventFacts, 'accountId' | 'accountName'>): string {
  return f.accountName ? `${f.accountName} (${f.accountId})` : f.accountId;
}

/** Printable ASCII only, one line (SNS rejects anything else in a subject). */
function asciiLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 3))}...`;
}

/**
 * `[high] MFA failed: alice in prod (111111111111) from 203.0.113.7`. Over 100 characters, the
 * principal is shortened first (an ARN-like session name can be long), then the label.
 */
export function subjectFor(detection: NotifiedDetection, f: EventFacts): string {
  const head = `[${detection.severity}] ${detection.label}: `;
  const tail = ` in ${accountLabel(f)} from ${f.sourceIp}`;
  let who = f.principal.name;
  const room = SUBJECT_LIMIT - head.length - tail.length;
  if (who.length > room) who = cut(who, Math.max(room, 12));
  return cut(asciiLine(`${head}${who}${tail}`), SUBJECT_LIMIT);
}

/** The Logs Insights query for this principal's activity, and its console link over the hour either side. */
export function principalQuery(config: Pick<NotifierConfig, 'region' | 'logGroupName'>, f: EventFacts): { query: string; url?: string } {
  const q = f.principal.query ?? { field: 'sourceIPAddress', value: f.sourceIp };
  const query =
    'fields @timestamp, eventSource, eventName, recipientAccountId, sourceIPAddress, errorCode' +
    ` | filter ${q.field} = ${JSON.stringify(q.value)} | sort @timestamp asc | limit 200`;
  const at = Date.parse(f.eventTime);
  if (Number.isNaN(at)) return { query };
  const start = new Date(at - QUERY_WINDOW_MS).toISOString();
  const end = new Date(at + QUERY_WINDOW_MS).toISOString();
  return { query, url: insightsConsoleUrlBetween(config.region, config.logGroupName, query, start, end) };
}

function whoLines(f: EventFacts): string[] {
  return [
    `Who: ${f.principal.name} (${f.principal.type})`,
    ...(f.principal.arn ? [`ARN: ${f.principal.arn}`] : []),
    ...(f.principal.identityStoreArn ? [`Identity-store user ID: ${f.principal.name} in ${f.principal.identityStoreArn}`] : []),
    `Account: ${accountLabel(f)}`,
    `Source IP: ${f.sourceIp}`,
    `User agent: ${f.userAgent}`,
    `Region: ${f.region}`,
    `Event: ${f.eventName} (${f.eventSource})${f.errorCode ? `, error ${f.errorCode}` : ''}`,
    `Event time: ${f.eventTime}`,
    `Event ID: ${f.eventId}`,
  ];
}

export interface Message {
  readonly subject: string;
  readonly body: string;
}

/** One matching event, in the topic's format. */
export function eventMessage(config: NotifierConfig, detection: NotifiedDetection, f: EventFacts, format: MessageFormat): Message {
  const subject = subjectFor(detection, f);
  const { query, url } = principalQuery(config, f);
  const environment = `trailwatch ${config.environment}, log group ${config.logGroupName} (${config.region})`;
  if (format === 'chatbot') {
    const body = {
      version: '1.0',
      source: 'custom',
      id: f.eventId,
      content: {
        textType: 'client-markdown',
        title: `:rotating_light: ${subject}`,
        description: [
          `*${detection.title}* (\`${detection.id}\`, ${detection.severity})`,
          ...whoLines(f).map((l) => `• ${l}`),
          '',
          detection.description,
        ].join('\n'),
        nextSteps: [
          url ? `<${url}|Open this principal's activity in Logs Insights> (1 hour either side)` : `Logs Insights query: \`${query}\``,
          `Query: \`${query}\``,
        ],
        keywords: [detection.severity, detection.id, f.accountId],
      },
      metadata: {
        summary: subject,
        eventType: detection.id,
        relatedResources: f.principal.arn ? [f.principal.arn] : [],
        additionalContext: { environment: config.environment, accountId: f.accountId, sourceIp: f.sourceIp, eventId: f.eventId },
      },
    };
    return { subject, body: JSON.stringify(body) };
  }
  const body = [
    `[${detection.severity}] ${detection.title}`,
    '',
    ...whoLines(f),
    '',
    `What to do: ${detection.description}`,
    '',
    `This principal's activity, 1 hour either side (CloudWatch Logs Insights on ${config.logGroupName}):`,
    query,
    ...(url ? [`Open: ${url}`] : []),
    '',
    `Detection: ${detection.id}. Sent by ${environment}.`,
  ].join('\n');
  return { subject, body };
}

/** Counts by key, largest first. */
function counted(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const TOP = 20;

/** More than floodThreshold matches of one detection in one batch: one message that counts them. */
export function floodMessage(config: NotifierConfig, detection: NotifiedDetection, facts: readonly EventFacts[], format: MessageFormat): Message {
  const principals = counted(facts.map((f) => `${f.principal.name} in ${accountLabel(f)}`));
  const addresses = counted(facts.map((f) => f.sourceIp));
  const accounts = counted(facts.map((f) => accountLabel(f)));
  const times = facts.map((f) => f.eventTime).filter((t) => t !== 'unknown').sort();
  const subject = cut(
    asciiLine(`[${detection.severity}] ${facts.length} x ${detection.label}: ${principals.length} principals, ${addresses.length} source IPs`),
    SUBJECT_LIMIT,
  );
  const list = (rows: [string, number][]) => [
    ...rows.slice(0, TOP).map(([k, n]) => `  ${n} x ${k}`),
    ...(rows.length > TOP ? [`  ... and ${rows.length - TOP} more`] : []),
  ];
  const lines = [
    `[${detection.severity}] ${detection.title}: ${facts.length} events in one batch (more than ${config.floodThreshold}, so one summary instead of one message each)`,
    ...(times.length ? [`Between ${times[0]} and ${times[times.length - 1]}`] : []),
    '',
    'By principal:',
    ...list(principals),
    'By source IP:',
    ...list(addresses),
    'By account:',
    ...list(accounts),
    '',
    `What to do: ${detection.description}`,
    '',
    `Detection: ${detection.id}. Sent by trailwatch ${config.environment}, log group ${config.logGroupName} (${config.region}).`,
  ];
  if (format === 'chatbot') {
    return {
      subject,
      body: JSON.stringify({
        version: '1.0',
        source: 'custom',
        content: { textType: 'client-markdown', title: `:rotating_light: ${subject}`, description: lines.join('\n'), keywords: [detection.severity, detection.id] },
        metadata: { summary: subject, eventType: `${detection.id}-summary`, additionalContext: { environment: config.environment, count: String(facts.length) } },
      }),
    };
  }
  return { subject, body: lines.join('\n') };
}
