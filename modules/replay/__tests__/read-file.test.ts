import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ReplayEvent } from '../formats';
import { type ReadOptions, readLogFile } from '../read-file';
import { consoleLogin, laterHour, rootLogin, signInBurst, writeCorruptLogs, writeSampleLogs } from './sample-logs';

let dir: string;
let sample: Record<string, string>;
let corrupt: Record<string, string>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-read-'));
  sample = writeSampleLogs(dir);
  corrupt = writeCorruptLogs(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(file: string, options?: ReadOptions) {
  const events: { event: ReplayEvent; timeHint?: number }[] = [];
  const result = await readLogFile(file, (event, timeHint) => {
    events.push({ event, timeHint });
  }, options);
  return { result, events, names: events.map((e) => (typeof e.event === 'string' ? e.event : e.event.eventName)) };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('readLogFile: formats', () => {
  it('reads a CloudTrail S3 delivery file (gzip, Records array)', async () => {
    const { result, events } = await read(sample.s3Burst);
    expect(result).toEqual({ file: sample.s3Burst, events: 47, badRecords: 0, firstBadRecord: undefined, error: undefined });
    expect(events.map((e) => e.event)).toEqual(signInBurst().map((r) => ({ ...r, eventID: expect.any(String) })));
  });

  it('reads the same file uncompressed, and recognises gzip by its bytes, not its name', async () => {
    const records = laterHour();
    const plain = write('plain.json', JSON.stringify({ Records: records }));
    const gzNoExt = write('delivery-without-extension', gzipSync(JSON.stringify({ Records: records })));
    expect((await read(plain)).events.map((e) => e.event)).toEqual(records);
    expect((await read(gzNoExt)).events.map((e) => e.event)).toEqual(records);
  });

  it('reads an Event history export: the record is the CloudTrailEvent string', async () => {
    const { result, events } = await read(sample.eventHistory);
    expect(result.events).toBe(1);
    expect(events[0].event).toMatchObject({ eventName: 'PutUserPolicy', eventSource: 'iam.amazonaws.com', userIdentity: { type: 'AssumedRole' } });
  });

  it('reads Event history as a JSON array and as JSON lines (lookup-events items)', async () => {
    const items = laterHour().map((r) => ({ EventId: r.eventID, EventName: r.eventName, CloudTrailEvent: JSON.stringify(r) }));
    expect((await read(write('history-array.json', JSON.stringify(items)))).names).toEqual(laterHour().map((r) => r.eventName));
    expect((await read(write('history.jsonl', items.map((i) => JSON.stringify(i)).join('\n')))).names).toEqual(laterHour().map((r) => r.eventName));
  });

  it('reads a CloudTrail Lake export as JSON lines, gzipped or not', async () => {
    expect((await read(sample.lake)).names).toEqual(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress']);
    const gz = write('lake.jsonl.gz', gzipSync(fs.readFileSync(sample.lake)));
    expect((await read(gz)).names).toEqual(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress']);
  });

  it('reads a CloudWatch Logs export (<timestamp> <message> lines), keeping the timestamp as a hint', async () => {
    const { events } = await read(sample.cloudWatchExport);
    expect(events).toHaveLength(1);
    expect(events[0].event).toMatchObject({ eventName: 'ConsoleLogin', userIdentity: { userName: 'dave' } });
    expect(events[0].timeHint).toBe(Date.parse('2026-10-01T10:30:00.123Z'));
  });

  it('passes a CloudWatch Logs message that is not JSON as text', async () => {
    const { events } = await read(write('text.log', '2026-10-01T10:30:00.000Z something happened\n'));
    expect(events).toEqual([{ event: 'something happened', timeHint: Date.parse('2026-10-01T10:30:00.000Z') }]);
  });

  it('reads `aws logs filter-log-events` output ({"events": [{timestamp, message}]})', async () => {
    const r = rootLogin('2026-10-01T11:00:00Z');
    const file = write('filter-log-events.json', JSON.stringify({ events: [{ logStreamName: 's', timestamp: 1790852400000, message: JSON.stringify(r) }] }));
    const { events } = await read(file);
    expect(events).toEqual([{ event: r, timeHint: 1790852400000 }]);
  });

  it('streams a JSON document larger than the buffer limit record by record, with the same result', async () => {
    const records = Array.from({ length: 500 }, (_, i) => consoleLogin({ user: `u${i}`, ip: '198.51.100.1', time: '2026-10-01T08:00:00Z', success: i % 2 === 0 }));
    const file = write('big.json.gz', gzipSync(JSON.stringify({ Records: records }, null, 2)));
    const buffered = await read(file);
    const streamed = await read(file, { maxBufferedChars: 4096 });
    expect(streamed.result.events).toBe(500);
    expect(streamed.events).toEqual(buffered.events);
    const lines = write('big.jsonl', records.map((r) => JSON.stringify(r)).join('\n'));
    expect((await read(lines, { maxBufferedChars: 4096 })).events.map((e) => e.event)).toEqual(records);
  });

  it('streams a small gzip file that inflates beyond the buffer limit (the limit is on the inflated text)', async () => {
    const record = rootLogin('2026-10-01T11:00:00Z');
    const gz = gzipSync(JSON.stringify({ Records: Array.from({ length: 1000 }, () => record) }));
    expect(gz.length).toBeLessThan(8192);
    const file = write('bomb.json.gz', gz);
    let bytes = 0;
    const { result } = await read(file, { maxBufferedChars: 8192, onBytes: (n) => (bytes += n) });
    expect(result).toMatchObject({ events: 1000, error: undefined });
    expect(bytes).toBe(gz.length);
  });

  it('ignores a byte order mark at the start of a file', async () => {
    const records = laterHour();
    const json = write('bom.json', `\ufeff${JSON.stringify({ Records: records })}`);
    const lines = write('bom.jsonl', `\ufeff${records.map((r) => JSON.stringify(r)).join('\n')}`);
    expect((await read(json)).events.map((e) => e.event)).toEqual(records);
    expect((await read(lines)).events.map((e) => e.event)).toEqual(records);
    expect((await read(json, { maxBufferedChars: 1024 })).events.map((e) => e.event)).toEqual(records);
  });

  it('counts the compressed bytes read, for the progress bar', async () => {
    let bytes = 0;
    await read(sample.s3Burst, { onBytes: (n) => (bytes += n) });
    expect(bytes).toBe(fs.statSync(sample.s3Burst).size);
  });
});

describe('readLogFile: broken input is reported, never thrown', () => {
  it('a truncated gzip file', async () => {
    const { result } = await read(corrupt.truncatedGzip);
    expect(result.error).toMatch(/^gzip: .*\(after 0 events\)$/);
  });

  it('a truncated gzip file that streams: events before the break are kept and counted', async () => {
    const records = Array.from({ length: 2000 }, (_, i) => consoleLogin({ user: `u${i}`, ip: '198.51.100.1', time: '2026-10-01T08:00:00Z', success: true }));
    const gz = gzipSync(JSON.stringify({ Records: records }));
    const file = write('truncated-big.json.gz', gz.subarray(0, Math.floor(gz.length * 0.8)));
    const { result, events } = await read(file, { maxBufferedChars: 8192 });
    expect(result.error).toMatch(/^gzip: /);
    expect(events.length).toBeGreaterThan(100);
    expect(result.events).toBe(events.length);
  });

  it('a file that is not valid JSON', async () => {
    const { result, events } = await read(corrupt.notJson);
    expect(events).toEqual([]);
    expect(result.error).toMatch(/^not valid JSON: /);
  });

  it('a JSON lines file with one bad line: the line is skipped, the others are read', async () => {
    const { result, names } = await read(corrupt.badLine);
    expect(names).toEqual(['ConsoleLogin', 'ConsoleLogin']);
    expect(result).toMatchObject({ error: undefined, badRecords: 1, firstBadRecord: expect.stringMatching(/^line 2: line is not valid JSON/) });
  });

  it('an empty file, a missing file, a folder, and random bytes', async () => {
    expect((await read(corrupt.empty)).result.error).toBe('empty file');
    expect((await read(path.join(dir, 'nope.json.gz'))).result.error).toMatch(/^cannot be read: ENOENT/);
    expect((await read(dir)).result.error).toMatch(/EISDIR/);
    const noise = write('noise.bin', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x42]));
    expect((await read(noise)).result).toMatchObject({ events: 0, badRecords: 2, error: expect.stringMatching(/^not a recognised log format \(line 1: line is neither JSON nor/) });
  });

  it('a record that is not an object inside a Records array is skipped', async () => {
    const file = write('scalar-record.json', JSON.stringify({ Records: [rootLogin('2026-10-01T11:00:00Z'), 42] }));
    const { result, events } = await read(file);
    expect(events).toHaveLength(1);
    expect(result).toMatchObject({ badRecords: 1, firstBadRecord: expect.stringMatching(/expected a CloudTrail record/) });
  });

  it('a JSON object that is no CloudTrail record is reported, not counted as an event', async () => {
    const config = write('not-a-record.json', JSON.stringify({ name: 'x', expect: {}, event: rootLogin('2026-10-01T11:00:00Z') }));
    const { result, events } = await read(config);
    expect(events).toEqual([]);
    expect(result.error ?? result.firstBadRecord).toMatch(/not a CloudTrail record \(no eventVersion, eventTime or eventName; keys: name, expect, event\)/);
    const mixed = write('mixed-records.json', JSON.stringify({ Records: [rootLogin('2026-10-01T11:00:00Z'), { hello: 'world' }] }));
    expect((await read(mixed)).result).toMatchObject({ events: 1, badRecords: 1 });
  });
});

