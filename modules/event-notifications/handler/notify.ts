/**
 * The function's work for one invocation: decode the batch, parse each record (a bad one is counted
 * and logged, never thrown), decide with the pattern engine (modules/patterns: the same engine that
 * validates the patterns at synth and replays them offline) which detections match, and publish one
 * message per match to the topics of the detection's severity, or one summary per detection when a
 * batch holds more than floodThreshold of its matches.
 */
import { PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { compileMatcher, parsePattern } from '../../patterns';
import type { NotifiedDetection, NotifierConfig } from './config';
import { decodePayload, type SubscriptionEvent } from './decode';
import { eventMessage, factsOf, floodMessage, type EventFacts, type Message } from './message';

/** The part of SNSClient the function uses: tests and the emulator check pass their own. */
export interface Publisher {
  send(command: PublishCommand): Promise<unknown>;
}

export interface InvocationSummary {
  readonly control: boolean;
  readonly records: number;
  /** Log events that were not a CloudTrail record (not JSON, or not an object with eventName). */
  readonly badRecords: number;
  readonly matches: number;
  /** Detections whose matches were summarised because there were more than floodThreshold. */
  readonly floods: string[];
  readonly published: number;
  readonly failed: number;
}

type Log = (line: string) => void;

interface Compiled {
  readonly detection: NotifiedDetection;
  readonly test: (record: Record<string, unknown>) => boolean;
}

/** Compiles the configuration once (at cold start) and returns the per-invocation function. */
export function createNotifier(config: NotifierConfig, sns: Publisher, log: Log = (l) => console.log(l)) {
  const compiled: Compiled[] = config.detections.map((detection) => {
    const matcher = compileMatcher(parsePattern(detection.pattern));
    return { detection, test: (r) => matcher(r) };
  });

  return async function notify(event: SubscriptionEvent): Promise<InvocationSummary> {
    const payload = decodePayload(event);
    if (payload.messageType === 'CONTROL_MESSAGE') {
      log(JSON.stringify({ message: 'CONTROL_MESSAGE ignored' }));
      return { control: true, records: 0, badRecords: 0, matches: 0, floods: [], published: 0, failed: 0 };
    }
    const matched = new Map<NotifiedDetection, EventFacts[]>();
    let badRecords = 0;
    for (const logEvent of payload.logEvents) {
      const record = parseRecord(logEvent.message);
      if (!record) {
        badRecords++;
        log(JSON.stringify({ message: 'not a CloudTrail record, skipped', logEventId: logEvent.id, start: String(logEvent.message).slice(0, 120) }));
        continue;
      }
      for (const c of compiled) {
        if (!c.test(record)) continue;
        const list = matched.get(c.detection) ?? [];
        list.push(factsOf(record, config.accounts));
        matched.set(c.detection, list);
      }
    }

    const inputs: PublishCommandInput[] = [];
    const floods: string[] = [];
    let matches = 0;
    for (const [detection, facts] of matched) {
      matches += facts.length;
      const topics = config.routes[detection.severity] ?? [];
      if (facts.length > config.floodThreshold) {
        floods.push(detection.id);
        const accounts = new Set(facts.map((f) => f.accountId));
        for (const t of topics) {
          inputs.push(publishInput(t.topicArn, floodMessage(config, detection, facts, t.format ?? 'text'), detection, accounts.size === 1 ? [...accounts][0] : 'multiple'));
        }
      } else {
        for (const f of facts) {
          for (const t of topics) inputs.push(publishInput(t.topicArn, eventMessage(config, detection, f, t.format ?? 'text'), detection, f.accountId));
        }
      }
    }

    const results = await Promise.allSettled(inputs.map((input) => sns.send(new PublishCommand(input))));
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ topic: inputs[i].TopicArn, error: String((r.reason as Error)?.message ?? r.reason) }] : []));
    const summary: InvocationSummary = {
      control: false,
      records: payload.logEvents.length,
      badRecords,
      matches,
      floods,
      published: results.length - failures.length,
      failed: failures.length,
    };
    log(JSON.stringify({ message: 'batch done', logGroup: payload.logGroup, ...summary, failures }));
    // Failing the invocation makes Lambda retry it, then hand it to the on-failure queue (alarmed):
    // a lost notification is never silent. A retry can repeat messages that did go out.
    if (failures.length > 0) throw new Error(`${failures.length} of ${results.length} notifications could not be published: ${failures[0].error}`);
    return summary;
  };
}

/** A CloudTrail record, or undefined for anything else. */
function parseRecord(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const r = parsed as Record<string, unknown>;
    return typeof r.eventName === 'string' && typeof r.eventVersion === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

function publishInput(topicArn: string, message: Message, detection: NotifiedDetection, account: string): PublishCommandInput {
  return {
    TopicArn: topicArn,
    Subject: message.subject,
    Message: message.body,
    // Subscribers filter on these with a subscription filter policy (e.g. only critical, only one account).
    MessageAttributes: {
      severity: { DataType: 'String', StringValue: detection.severity },
      detection: { DataType: 'String', StringValue: detection.id },
      account: { DataType: 'String', StringValue: account },
    },
  };
}
