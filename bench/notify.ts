/**
 * Per-event notification function benchmark (issue 12), on the shipped bundle (esbuild output, as in
 * the function's archive): one CloudWatch Logs batch of 1,000 CloudTrail events of which 20 match
 * (5 for each default detection), CPU time per invocation with publishing replaced by a no-op
 * (network excluded; target < 100 ms); cold start, the time to load the bundle in a fresh Node.js
 * process; and the size of the zipped package that cdktf writes (target < 1 MB).
 *
 * `npm run bench:notify` runs this part alone.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { loadCloudTrailFixtures } from '../__tests__/support/fixtures';
import { builtInDetections } from '../modules/detections/catalogue';
import { packageFolder } from '../modules/event-notifications/bundle';
import { EventNotifications } from '../modules/event-notifications/event-notifications';
import type { NotifierConfig } from '../modules/event-notifications/handler/config';
import { DEFAULT_PER_EVENT_DETECTIONS, SUBJECT_LABELS } from '../modules/event-notifications/props';

const topic = (n: string) => `arn:aws:sns:us-east-1:111111111111:bench-${n}`;
const detections = builtInDetections('securityHub').filter((d) => DEFAULT_PER_EVENT_DETECTIONS.includes(d.id));

export const benchConfig: NotifierConfig = {
  environment: 'bench',
  region: 'us-east-1',
  logGroupName: '/trailwatch/bench/cloudtrail',
  floodThreshold: 10,
  accounts: { '111122223333': 'prod' },
  detections: detections.map((d) => ({ id: d.id, title: d.title, description: d.description, severity: d.severity, pattern: d.pattern, label: SUBJECT_LABELS[d.id] ?? d.title })),
  routes: Object.fromEntries(['critical', 'high', 'medium', 'low', 'info'].map((s) => [s, [{ topicArn: topic('security'), format: 'text' }, { topicArn: topic('chat'), format: 'chatbot' }]])),
};

/** 1,000 log events: 980 records no default detection matches, 20 that do (5 per detection). */
export function benchBatch(): string[] {
  const fixtures = loadCloudTrailFixtures();
  const matching = ['seed-iam-user-failed-mfa', 'identity-center-totp-failure-identitycenteruser', 'seed-root-success', 'panther-cloudtrail-stoplogging'].map(
    (name) => fixtures.find((f) => f.file === `${name}.json`)!.event,
  );
  const routine = fixtures.filter((f) => DEFAULT_PER_EVENT_DETECTIONS.every((id) => f.expect[id] === false)).map((f) => f.event);
  const events: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const base = i % 50 === 0 ? matching[(i / 50) % 4] : routine[i % routine.length];
    events.push(JSON.stringify({ ...base, eventID: `bench-${i}`, sourceIPAddress: `198.51.100.${i % 250}` }));
  }
  return events;
}

export interface NotifyBenchResult {
  readonly cpuMs: number;
  readonly matches: number;
  readonly published: number;
  readonly coldStartMs: number;
  readonly bundleKb: number;
  readonly zipKb: number;
}

/** Runs in a child process so module load (cold start) is measured in a fresh Node.js. */
const CHILD = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const mod = require(process.argv[1] + '/index.js');
const coldStartMs = performance.now() - t0;
const config = require(process.argv[1] + '/config.json');
const events = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const event = mod.encodePayload({ messageType: 'DATA_MESSAGE', owner: '111111111111', logGroup: config.logGroupName, logStream: 's', subscriptionFilters: ['f'], logEvents: events.map((m, i) => ({ id: String(i), timestamp: i, message: m })) });
let published = 0;
const notify = mod.createNotifier(config, { send: async () => { published++; return {}; } }, () => {});
(async () => {
  let summary;
  for (let i = 0; i < 5; i++) summary = await notify(event); // warm-up
  const samples = [];
  for (let i = 0; i < 25; i++) {
    const c = process.cpuUsage();
    summary = await notify(event);
    const d = process.cpuUsage(c);
    samples.push((d.user + d.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ coldStartMs, cpuMs: samples[Math.floor(samples.length / 2)], matches: summary.matches, published: summary.published }));
})();
`;

export function runNotifyBenchmark(): NotifyBenchResult {
  const dir = packageFolder(benchConfig, fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-notify-'))).dir;
  const batch = path.join(dir, '..', 'batch.json');
  fs.writeFileSync(batch, JSON.stringify(benchBatch()));
  const runs = Array.from({ length: 5 }, () => {
    const r = spawnSync(process.execPath, ['-e', CHILD, dir, batch], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`notify benchmark child failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as { coldStartMs: number; cpuMs: number; matches: number; published: number };
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // The zip exactly as cdktf writes it for the function (TerraformAsset, archive).
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-notify-synth-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EventNotifications(stack, 'event-notifications', {
    accountId: '111111111111',
    region: 'us-east-1',
    namePrefix: 'bench',
    logGroupName: benchConfig.logGroupName,
    detections,
    routing: { critical: [{ topicArn: topic('security') }], high: [{ topicArn: topic('security') }] },
  });
  app.synth();
  const stackDir = path.join(outdir, 'stacks', 'bench');
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const zip = fs.statSync(path.join(stackDir, Object.values<any>(json.resource.aws_lambda_function)[0].filename)).size;
  return {
    cpuMs: median(runs.map((r) => r.cpuMs)),
    matches: runs[0].matches,
    published: runs[0].published,
    coldStartMs: median(runs.map((r) => r.coldStartMs)),
    bundleKb: fs.statSync(path.join(dir, 'index.js')).size / 1024,
    zipKb: zip / 1024,
  };
}

export function formatNotifyResult(r: NotifyBenchResult): string {
  return [
    `batch of 1,000 events, ${r.matches} matching, ${r.published} messages built: ${r.cpuMs.toFixed(1)} ms CPU per invocation (median of 25, publishing excluded; target < 100 ms)`,
    `cold start (load the bundle in a fresh Node.js): ${r.coldStartMs.toFixed(0)} ms (median of 5 processes)`,
    `package: index.js ${r.bundleKb.toFixed(0)} KB, zip ${r.zipKb.toFixed(0)} KB (target < 1024 KB)`,
  ].join('\n');
}

if (require.main === module) {
  process.stdout.write('Per-event notification function benchmark\n');
  process.stdout.write(`${formatNotifyResult(runNotifyBenchmark())}\n`);
}
