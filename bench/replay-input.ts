/**
 * Input of the replay benchmark: realistic CloudTrail S3 delivery files (gzip, `{"Records": [...]}`)
 * generated from the project's CloudTrail fixtures and the replay sample records, with times,
 * accounts, addresses and ids varied.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { accessDenied, authorizeIngress, consoleLogin, laterHour, putUserPolicy, rootLogin, stopLogging } from '../modules/replay/__tests__/sample-logs';

const ROOT = path.resolve(__dirname, '..');
const RECORDS_PER_FILE = 1000;

export type Rec = Record<string, unknown>;

/** Records that match nothing: the bulk of a real trail (reads, role assumptions, data-plane noise). */
function routineCalls(): Rec[] {
  const calls: [string, string][] = [
    ['sts.amazonaws.com', 'AssumeRole'],
    ['ec2.amazonaws.com', 'DescribeInstances'],
    ['s3.amazonaws.com', 'ListBuckets'],
    ['kms.amazonaws.com', 'Decrypt'],
    ['logs.amazonaws.com', 'CreateLogStream'],
    ['iam.amazonaws.com', 'GetRole'],
    ['lambda.amazonaws.com', 'ListFunctions20150331'],
    ['cloudformation.amazonaws.com', 'DescribeStacks'],
  ];
  return calls.map(([source, name]) => {
    const r = accessDenied('2026-10-01T00:00:00Z');
    delete r.errorCode;
    delete r.errorMessage;
    return { ...r, eventSource: source, eventName: name, readOnly: true, requestParameters: { maxResults: 100 } };
  });
}

/** The project's CloudTrail fixtures (`__tests__/fixtures/cloudtrail/*.json`), when present. */
function projectFixtures(): Rec[] {
  const dir = path.join(ROOT, '__tests__/fixtures/cloudtrail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { event: Rec }).event)
    .filter((e) => e && typeof e === 'object');
}

/**
 * Templates weighted like a trail: 90% routine calls, 10% sign-ins, denials, root use and changes
 * (the sample records and every project fixture), so detections see both the common non-matching
 * case and real matches.
 */
function templates(): Rec[] {
  const routine = routineCalls();
  const interesting = [
    consoleLogin({ user: 'alice', ip: '198.51.100.1', time: '2026-10-01T00:00:00Z', success: true }),
    consoleLogin({ user: 'alice', ip: '198.51.100.1', time: '2026-10-01T00:00:00Z', success: false }),
    consoleLogin({ user: 'bob', ip: '198.51.100.2', time: '2026-10-01T00:00:00Z', success: true, mfa: false }),
    rootLogin('2026-10-01T00:00:00Z'),
    accessDenied('2026-10-01T00:00:00Z'),
    stopLogging('2026-10-01T00:00:00Z'),
    putUserPolicy('2026-10-01T00:00:00Z'),
    authorizeIngress('2026-10-01T00:00:00Z'),
    ...laterHour(),
    ...projectFixtures(),
  ];
  // Every record gets a time and an id to vary (some fixtures are minimal records without them).
  const complete = (r: Rec): Rec => ({ eventTime: '2026-10-01T00:00:00Z', eventID: 'x', ...r });
  // 9 routine records for each interesting one: the routine list repeated to 9x the interesting count.
  const weighted: Rec[] = interesting.map(complete);
  for (let i = 0; i < 9 * interesting.length; i++) weighted.push(complete(routine[i % routine.length]));
  return weighted;
}

/** The `n`-th of `events` generated records (as JSON text), spread over one day. */
function recordText(pool: string[], n: number, events: number): string {
  const t = new Date(DAY + Math.floor((n / events) * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const account = String(100000000000 + (n % 50)).padStart(12, '0');
  return pool[(n * 7919) % pool.length]
    .replace(/"eventTime":"[^"]*"/, `"eventTime":"${t}"`)
    .replace(/111122223333|123456789012/g, account)
    .replace(/"eventID":"[^"]*"/, `"eventID":"bench-${n}"`)
    .replace(/"sourceIPAddress":"198\.51\.100\.\d+"/, `"sourceIPAddress":"198.51.100.${n % 250}"`);
}

const DAY = Date.parse('2026-10-01T00:00:00Z');

/** Writes `events` records as S3 delivery files of 1,000 records spread over one day; returns the folder. */
export function generateTrail(events: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-replay-'));
  const pool = templates().map((t) => JSON.stringify(t));
  let n = 0;
  for (let file = 0; n < events; file++) {
    const records: string[] = [];
    for (let i = 0; i < RECORDS_PER_FILE && n < events; i++, n++) records.push(recordText(pool, n, events));
    const name = `${String(file).padStart(5, '0')}_CloudTrail_us-east-1_bench.json.gz`;
    fs.writeFileSync(path.join(dir, name), gzipSync(`{"Records":[${records.join(',')}]}`, { level: 6 }));
  }
  return dir;
}

/**
 * Writes `events` records as ONE gzip `{"Records": [...]}` file (written as a stream, never whole in
 * memory): the input that shows replay's memory does not grow with a file's size. Returns the file.
 */
export async function generateSingleFile(events: number): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-replay-one-')), 'one-big-file.json.gz');
  const pool = templates().map((t) => JSON.stringify(t));
  const gzip = createGzip({ level: 1 });
  const done = new Promise<void>((resolve, reject) => {
    gzip.pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject);
  });
  const write = async (text: string): Promise<void> => {
    if (!gzip.write(text)) await new Promise((r) => gzip.once('drain', r));
  };
  await write('{"Records":[\n');
  for (let n = 0; n < events; n += RECORDS_PER_FILE) {
    const chunk: string[] = [];
    for (let i = n; i < Math.min(events, n + RECORDS_PER_FILE); i++) chunk.push(recordText(pool, i, events));
    await write(`${n > 0 ? ',\n' : ''}${chunk.join(',\n')}`);
  }
  gzip.end('\n]}\n');
  await done;
  return file;
}
