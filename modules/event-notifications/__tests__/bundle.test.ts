/**
 * The shipped bundle itself (esbuild output plus config.json, as in the function's archive), run in a
 * fresh Node.js process like Lambda runs it: `index.handler` with the real AWS SDK SNS client,
 * pointed at a local HTTP endpoint that records each Publish request.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageFolder } from '../bundle';
import { notifierConfig, payload, record } from './support';

interface Captured {
  readonly contentType: string;
  readonly body: string;
}

function fakeSnsEndpoint(): Promise<{ url: string; requests: Captured[]; close: () => void }> {
  const requests: Captured[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const contentType = String(req.headers['content-type'] ?? '');
      requests.push({ contentType, body });
      if (contentType.includes('json')) {
        res.writeHead(200, { 'content-type': contentType });
        res.end(JSON.stringify({ MessageId: `m-${requests.length}` }));
      } else {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-${requests.length}</MessageId></PublishResult>` +
            '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
        );
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, requests, close: () => server.close() });
    }),
  );
}

function runHandler(dir: string, event: object, endpoint: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler(JSON.parse(process.argv[1])).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(3); });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(event)], {
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', AWS_ENDPOINT_URL_SNS: endpoint },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('publishes through the real SNS client, reading config.json beside the bundled index.js', async () => {
  const dir = packageFolder(notifierConfig, fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bundle-test-'))).dir;
  expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'index.js']);
  const sns = await fakeSnsEndpoint();
  try {
    const result = await runHandler(dir, payload(['corrupt', record('seed-iam-user-failed-mfa')]), sns.url);
    expect(result.code).toBe(0);
    // The function logs one line per bad record and one per batch; the result is the last line.
    expect(result.stdout).toContain('not a CloudTrail record, skipped');
    expect(JSON.parse(result.stdout.split("\n").pop()!)).toMatchObject({ records: 2, badRecords: 1, matches: 1, published: 2, failed: 0 });
    expect(sns.requests).toHaveLength(2);
    const text = sns.requests.map((r) => decodeURIComponent(r.body.replace(/\+/g, ' '))).join('\n');
    expect(text).toContain('[high] MFA failed: alice in prod (111122223333) from 198.51.100.23');
    expect(text).toContain('arn:aws:sns:us-east-1:111111111111:acme-acme-prod-security');
    expect(text).toContain('iam-console-mfa-failure');
  } finally {
    sns.close();
  }
});
