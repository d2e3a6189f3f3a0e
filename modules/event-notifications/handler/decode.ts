/**
 * The CloudWatch Logs subscription payload: `awslogs.data` is base64 of gzip of a JSON document with
 * `messageType` (`DATA_MESSAGE`, or `CONTROL_MESSAGE` when CloudWatch Logs checks the destination is
 * reachable) and `logEvents` ({ id, timestamp, message }). Format: CloudWatch Logs User Guide,
 * "Real-time processing of log data with subscriptions" (Lambda example, "Example of the data").
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export interface SubscriptionEvent {
  readonly awslogs: { readonly data: string };
}

export interface LogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
}

export interface LogsPayload {
  readonly messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE' | string;
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly logEvents: readonly LogEvent[];
}

/** Decodes the payload; throws when it is not one (the invocation then fails into the on-failure queue). */
export function decodePayload(event: SubscriptionEvent): LogsPayload {
  const data = event?.awslogs?.data;
  if (typeof data !== 'string') throw new Error('not a CloudWatch Logs subscription event: awslogs.data is missing');
  const payload = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as LogsPayload;
  if (!payload || !Array.isArray(payload.logEvents)) throw new Error('CloudWatch Logs payload without logEvents');
  return payload;
}

/** The inverse, for tests, the benchmark and the emulator check: a payload as CloudWatch Logs sends it. */
export function encodePayload(payload: LogsPayload): SubscriptionEvent {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}
