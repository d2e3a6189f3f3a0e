/**
 * Small CloudTrail logs in every format replay reads, for the tests and the sample in docs/replay.md. The
 * records follow the AWS CloudTrail documentation of each event (shapes copied from the project's
 * sign-in fixtures). Regenerate the committed copy with
 * `npx tsx modules/replay/__tests__/sample-logs.ts modules/replay/__tests__/fixtures`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export const ACCOUNT = '111122223333';
type Rec = Record<string, unknown>;

let seq = 0;
function base(time: string, extra: Rec): Rec {
  seq++;
  return {
    eventVersion: '1.08',
    awsRegion: 'us-east-1',
    userAgent: 'Mozilla/5.0',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    eventTime: time,
    eventID: `00000000-0000-0000-0000-${String(seq).padStart(12, '0')}`,
    ...extra,
  };
}

/** A console sign-in; a failure is a wrong password (MFAUsed No: MFA was never asked) unless `mfa` says otherwise. */
export function consoleLogin(o: { user: string; ip: string; time: string; success: boolean; mfa?: boolean }): Rec {
  return base(o.time, {
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: o.ip,
    requestParameters: null,
    readOnly: false,
    userIdentity: { type: 'IAMUser', principalId: `AIDA${o.user.toUpperCase().padEnd(16, 'X')}`, arn: `arn:aws:iam::${ACCOUNT}:user/${o.user}`, accountId: ACCOUNT, userName: o.user },
    responseElements: { ConsoleLogin: o.success ? 'Success' : 'Failure' },
    ...(o.success ? {} : { errorMessage: 'Failed authentication' }),
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: (o.mfa ?? o.success) ? 'Yes' : 'No' },
  });
}

export function rootLogin(time: string): Rec {
  return base(time, {
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: '192.0.2.10',
    requestParameters: null,
    userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'Yes' },
  });
}

function roleCall(time: string, eventSource: string, eventName: string, extra: Rec = {}): Rec {
  return base(time, {
    eventSource,
    eventName,
    eventType: 'AwsApiCall',
    sourceIPAddress: '203.0.113.77',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEROLE00001:dev-session',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/developer/dev-session`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/developer`, userName: 'developer' } },
    },
    requestParameters: {},
    responseElements: null,
    ...extra,
  });
}

export function accessDenied(time: string): Rec {
  return roleCall(time, 's3.amazonaws.com', 'GetBucketPolicy', { errorCode: 'AccessDenied', errorMessage: 'Access Denied', readOnly: true });
}

export function stopLogging(time: string): Rec {
  return roleCall(time, 'cloudtrail.amazonaws.com', 'StopLogging', { requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail` } });
}

export function putUserPolicy(time: string): Rec {
  return roleCall(time, 'iam.amazonaws.com', 'PutUserPolicy', { requestParameters: { userName: 'bob', policyName: 'inline', policyDocument: '{}' } });
}

export function authorizeIngress(time: string): Rec {
  return roleCall(time, 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', { requestParameters: { groupId: 'sg-0123456789abcdef0' } });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The sign-in burst of issue 7: alice fails 5 times within 3 minutes from one address, among 40
 * successful sign-ins (with MFA) of 40 other users and 2 single failures of others.
 */
export function signInBurst(): Rec[] {
  const records: Rec[] = [];
  for (let i = 0; i < 40; i++) {
    records.push(consoleLogin({ user: `user${pad(i + 1)}`, ip: `198.51.100.${i + 1}`, time: `2026-10-01T08:${pad(i)}:10Z`, success: true }));
  }
  for (let i = 0; i < 5; i++) {
    records.push(consoleLogin({ user: 'alice', ip: '203.0.113.50', time: `2026-10-01T08:1${Math.floor(i / 2)}:${i % 2 ? '45' : '15'}Z`, success: false }));
  }
  records.push(consoleLogin({ user: 'bob', ip: '198.51.100.200', time: '2026-10-01T08:30:00Z', success: false }));
  records.push(consoleLogin({ user: 'carol', ip: '198.51.100.201', time: '2026-10-01T08:45:00Z', success: false }));
  return records.sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
}

export function laterHour(): Rec[] {
  const records: Rec[] = [rootLogin('2026-10-01T09:10:00Z')];
  for (let i = 0; i < 12; i++) records.push(accessDenied(`2026-10-01T09:2${Math.floor(i / 3)}:${pad(i * 4)}Z`));
  records.push(stopLogging('2026-10-01T09:40:00Z'));
  return records;
}

/** Writes the sample logs in every format under `dir`; returns the files by format. */
export function writeSampleLogs(dir: string): Record<string, string> {
  seq = 0;
  const s3 = path.join(dir, 'logs/s3/AWSLogs/o-exampleorgid/111122223333/CloudTrail/us-east-1/2026/10/01');
  fs.mkdirSync(s3, { recursive: true });
  fs.mkdirSync(path.join(dir, 'logs/cloudwatch-export'), { recursive: true });
  const files = {
    s3Burst: path.join(s3, `${ACCOUNT}_CloudTrail_us-east-1_20261001T0800Z_burst.json.gz`),
    s3Later: path.join(s3, `${ACCOUNT}_CloudTrail_us-east-1_20261001T0900Z_later.json.gz`),
    eventHistory: path.join(dir, 'logs/event-history.json'),
    lake: path.join(dir, 'logs/lake-export.jsonl'),
    cloudWatchExport: path.join(dir, 'logs/cloudwatch-export/000000.gz'),
  };
  fs.writeFileSync(files.s3Burst, gzipSync(JSON.stringify({ Records: signInBurst() })));
  fs.writeFileSync(files.s3Later, gzipSync(JSON.stringify({ Records: laterHour() })));
  const policy = putUserPolicy('2026-10-01T10:05:00Z');
  fs.writeFileSync(
    files.eventHistory,
    JSON.stringify(
      { Events: [{ EventId: policy.eventID, EventName: 'PutUserPolicy', ReadOnly: 'false', EventTime: '2026-10-01T10:05:00+00:00', EventSource: 'iam.amazonaws.com', CloudTrailEvent: JSON.stringify(policy) }] },
      null,
      4,
    ),
  );
  fs.writeFileSync(files.lake, `${[authorizeIngress('2026-10-01T10:20:00Z'), authorizeIngress('2026-10-01T10:21:00Z')].map((r) => JSON.stringify(r)).join('\n')}\n`);
  const noMfa = consoleLogin({ user: 'dave', ip: '198.51.100.99', time: '2026-10-01T10:30:00Z', success: true, mfa: false });
  fs.writeFileSync(files.cloudWatchExport, gzipSync(`2026-10-01T10:30:00.123Z ${JSON.stringify(noMfa)}\n`));
  return files;
}

/** Broken inputs: each must be reported and skipped without stopping the run. */
export function writeCorruptLogs(dir: string): Record<string, string> {
  fs.mkdirSync(path.join(dir, 'corrupt'), { recursive: true });
  const files = {
    truncatedGzip: path.join(dir, 'corrupt/truncated.json.gz'),
    notJson: path.join(dir, 'corrupt/not-json.json'),
    badLine: path.join(dir, 'corrupt/one-bad-line.jsonl'),
    empty: path.join(dir, 'corrupt/empty.json'),
  };
  const gz = gzipSync(JSON.stringify({ Records: signInBurst() }));
  fs.writeFileSync(files.truncatedGzip, gz.subarray(0, Math.floor(gz.length / 2)));
  fs.writeFileSync(files.notJson, '{"Records": [{"eventName": "ConsoleLogin", oops');
  fs.writeFileSync(files.badLine, `${JSON.stringify(rootLogin('2026-10-01T11:00:00Z'))}\n{"eventName": broken\n${JSON.stringify(rootLogin('2026-10-01T11:01:00Z'))}\n`);
  fs.writeFileSync(files.empty, '');
  return files;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: sample-logs.ts <dir>');
  writeSampleLogs(dir);
  writeCorruptLogs(dir);
}
