/**
 * CloudTrail records whose caller-controlled fields try to break out of every context the HTML report
 * writes them into: element text, attributes, the JSON block, the inline scripts, comments; and text
 * that hides or reorders itself (bidirectional overrides, line separators, zero-width characters).
 * Each payload that ran would set `window.__pwned`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Strings a user can put into a CloudTrail record (user names, user agents, request parameters). */
export const PAYLOADS = {
  img: '<img src=x onerror="window.__pwned=1">',
  scriptClose: '</script><script>window.__pwned=2</script>',
  attribute: '" onmouseover="window.__pwned=3" x="',
  svg: "'><svg onload=window.__pwned=4>",
  comment: '<!--<script>window.__pwned=5</script>-->',
  separators: 'line\u2028separator\u2029paragraph',
  bidi: 'admin\u202egnp.exe',
  zeroWidth: 'ali\u200bce',
  style: '</style><style>body{display:none}</style>',
  entity: '&lt;b&gt;not bold&lt;/b&gt; &amp;',
} as const;

const ACCOUNT = '111122223333';

function record(time: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    eventTime: time,
    awsRegion: 'us-east-1',
    recipientAccountId: ACCOUNT,
    userAgent: `${PAYLOADS.svg} ${PAYLOADS.separators}`,
    ...extra,
  };
}

/** Failed console sign-ins by a hostile user name (the sign-in detections and rules), and hostile API calls. */
export function hostileRecords(): Record<string, unknown>[] {
  const names = [PAYLOADS.img, PAYLOADS.scriptClose, PAYLOADS.bidi, PAYLOADS.zeroWidth];
  const signIns = Array.from({ length: 8 }, (_, i) =>
    record(`2026-10-01T08:1${i}:00Z`, {
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      sourceIPAddress: i % 2 ? PAYLOADS.attribute : PAYLOADS.comment,
      userIdentity: { type: 'IAMUser', accountId: ACCOUNT, userName: names[i % names.length], arn: `arn:aws:iam::${ACCOUNT}:user/${names[i % names.length]}` },
      responseElements: { ConsoleLogin: 'Failure' },
      errorMessage: 'Failed authentication',
      additionalEventData: { MFAUsed: 'No', LoginTo: PAYLOADS.style },
    }),
  );
  const policy = record('2026-10-01T08:30:00Z', {
    eventSource: 'iam.amazonaws.com',
    eventName: 'PutUserPolicy',
    sourceIPAddress: PAYLOADS.separators,
    userIdentity: { type: 'IAMUser', accountId: ACCOUNT, userName: PAYLOADS.entity, arn: `arn:aws:iam::${ACCOUNT}:user/${PAYLOADS.entity}` },
    requestParameters: { userName: PAYLOADS.scriptClose, policyName: PAYLOADS.comment, policyDocument: JSON.stringify({ Statement: [{ Sid: PAYLOADS.img }] }) },
  });
  return [...signIns, policy];
}

/** Writes the hostile records as an S3 delivery file, and a corrupt file with a hostile name (the problems section). */
export function writeHostileLogs(dir: string): string {
  const logs = path.join(dir, 'hostile-logs');
  fs.mkdirSync(logs, { recursive: true });
  fs.writeFileSync(path.join(logs, 'records.json'), JSON.stringify({ Records: hostileRecords() }));
  fs.writeFileSync(path.join(logs, 'bad <img src=x onerror=window.__pwned=6>.json'), '{"Records": [');
  return logs;
}
