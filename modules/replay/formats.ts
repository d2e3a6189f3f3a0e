/**
 * The shapes CloudTrail records come in, reduced to one: a record object (or, for a CloudWatch
 * Logs message that is not JSON, its text) with an optional time hint.
 *
 * - S3 delivery file: `{"Records": [record, ...]}`
 * - Event history (console download, `aws cloudtrail lookup-events`): `{"Events": [{..., "CloudTrailEvent": "<record as a string>"}]}`,
 *   a JSON array of those, or JSON lines
 * - CloudTrail Lake export / query results saved as JSON: an array or JSON lines of records
 * - CloudWatch Logs export to S3: lines `<ISO timestamp> <message>`; `aws logs filter-log-events`
 *   output: `{"events": [{"timestamp": ms, "message": "<record>"}]}`
 */
export type ReplayEvent = string | Record<string, unknown>;

/**
 * Receives each event; `timeHint` is the log event timestamp (ms) when the format has one. Returns
 * why the event was skipped (e.g. a time that cannot be real), or nothing when it was taken.
 */
export type EventSink = (event: ReplayEvent, timeHint?: number) => string | undefined | void;

/** Told about each element that is not a record (it is skipped; the rest of the file is read). */
export type BadRecordSink = (reason: string) => void;

export class RecordError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseMessage(message: string, sink: EventSink, timeHint?: number): void {
  const m = message.trimStart();
  if (m.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(m);
    } catch (e) {
      throw new RecordError(`log message is not valid JSON: ${(e as Error).message}`);
    }
    emitValue(parsed, sink, timeHint);
  } else sink(message, timeHint);
}

/** Hands every record inside a parsed JSON value to `sink`. Throws RecordError for a value that is no record. */
export function emitValue(value: unknown, sink: EventSink, timeHint?: number, onBad?: BadRecordSink): void {
  if (Array.isArray(value)) {
    emitEach(value, sink, timeHint, onBad);
    return;
  }
  if (typeof value === 'string') {
    parseMessage(value, sink, timeHint);
    return;
  }
  if (!isObject(value)) throw new RecordError(`expected a CloudTrail record (a JSON object), found ${JSON.stringify(value)?.slice(0, 40)}`);
  for (const key of ['Records', 'Events', 'events'] as const) {
    const list = value[key];
    if (Array.isArray(list) && value.eventName === undefined) {
      emitEach(list, sink, timeHint, onBad);
      return;
    }
  }
  const embedded = value.CloudTrailEvent; // Event history: the record is a JSON string inside
  if (typeof embedded === 'string') {
    parseMessage(embedded, sink, timeHint);
    return;
  }
  if (isObject(embedded)) {
    sink(embedded, timeHint);
    return;
  }
  if (typeof value.message === 'string' && value.eventName === undefined) {
    // A CloudWatch Logs event ({timestamp, message}).
    parseMessage(value.message, sink, typeof value.timestamp === 'number' ? value.timestamp : timeHint);
    return;
  }
  // Every CloudTrail record has these; an object with none of them is some other JSON (a config file,
  // a wrapper around records) and counting it as an event would only hide that nothing was replayed.
  if (value.eventName === undefined && value.eventTime === undefined && value.eventVersion === undefined) {
    throw new RecordError(`a JSON object that is not a CloudTrail record (no eventVersion, eventTime or eventName; keys: ${Object.keys(value).slice(0, 6).join(', ')})`);
  }
  sink(value, timeHint);
}

function emitEach(values: unknown[], sink: EventSink, timeHint: number | undefined, onBad: BadRecordSink | undefined): void {
  for (const v of values) {
    try {
      emitValue(v, sink, timeHint, onBad);
    } catch (e) {
      if (!(e instanceof RecordError) || !onBad) throw e;
      onBad(e.message);
    }
  }
}

/**
 * One line of a line-oriented file: a JSON value (JSON lines), or `<timestamp> <message>` (a
 * CloudWatch Logs export). Blank lines are skipped.
 */
export function emitLine(line: string, sink: EventSink, onBad?: BadRecordSink): void {
  const text = line.trim();
  if (!text) return;
  const first = text.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new RecordError(`line is not valid JSON: ${(e as Error).message}`);
    }
    emitValue(parsed, sink, undefined, onBad);
    return;
  }
  const space = text.indexOf(' ');
  const time = space > 0 ? Date.parse(text.slice(0, space)) : NaN;
  if (Number.isNaN(time)) throw new RecordError('line is neither JSON nor "<ISO timestamp> <message>" (CloudWatch Logs export)');
  parseMessage(text.slice(space + 1), sink, time);
}
