/**
 * The changes the update-plan fixtures are made of: each scenario edits the acme-prod config the way a
 * pull request would (YAML), and a few edits that no config offers are made as test-only overrides of
 * the synthesized Terraform JSON (the TLS Deny removed from the log bucket policy, trail flags turned
 * off, an alarm's actions disabled): the review must name those too, whatever produced them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse, stringify } from 'yaml';
import { loadFile } from '../../../../config/load';
import { EnvironmentStack } from '../../../../stacks/environment-stack';

type Json = Record<string, any>;

export interface UpdateScenario {
  /** Fixture file name: `<env>.<scenario>.json`. */
  readonly fixture: string;
  /** What a pull request changed, in words (for the test titles and the README). */
  readonly description: string;
  /** Edits the parsed YAML config in place. */
  editConfig(config: Json): void;
  /** Test-only edits of the synthesized stack JSON (no config offers them). */
  editStack?(stack: Json): void;
}

function only<T>(entries: [string, T][], what: string): T {
  if (entries.length !== 1) throw new Error(`expected one ${what}, found ${entries.length}`);
  return entries[0][1];
}

function resourcesOf(stack: Json, type: string, addressPart: string): Json {
  return only(Object.entries((stack.resource?.[type] ?? {}) as Record<string, Json>).filter(([id]) => id.includes(addressPart)), `${type} ${addressPart}`);
}

export const BASE_CONFIG = 'config/acme-prod.yaml';

export const WEAKENING: UpdateScenario = {
  fixture: 'acme-prod.weakening.json',
  description:
    'acme-prod after a pull request that weakens everything the review knows: vpc-changes disabled, console-sign-in-failures threshold 5 -> 10, iam-policy-changes alarming on 2 of 3 periods and ignoring missing data, an exclusion on unauthorized-api-calls, high routed to digest instead of security, the pager https subscriber replaced by email, alerts key deletion window 30 -> 7 days, Object Lock retention 365 -> 30 days, preventDestroy off, the log bucket renamed; and by test-only overrides: the TLS Deny removed from the log bucket policy, force_destroy on the access-log bucket, log file validation and multi-region off, management events write-only, root-usage alarm actions disabled',
  editConfig(c) {
    c.detections.disabled = ['vpc-changes'];
    c.detections.overrides['console-sign-in-failures'].threshold = 10;
    c.detections.overrides['iam-policy-changes'] = { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'ignore' };
    c.detections.exclusions = { 'unauthorized-api-calls': ['$.eventSource != "ec2.amazonaws.com"'] };
    c.alerting.routing.high = ['digest'];
    const pager = c.alerting.topics.find((t: Json) => t.name === 'pager');
    pager.subscriptions = pager.subscriptions.map((s: Json) => (s.protocol === 'https' ? { protocol: 'email', endpoint: 'acme-prod@acme.pagerduty.com' } : s));
    c.alerting.keyDeletionWindowDays = 7;
    c.trail.objectLock.retentionDays = 30;
    c.trail.preventDestroy = false;
    c.trail.bucketName = 'acme-prod-trail-logs-renamed';
  },
  editStack(stack) {
    const policy = resourcesOf(stack, 'aws_s3_bucket_policy', 'trail_log-bucket_policy');
    const doc = JSON.parse(policy.policy);
    const before = doc.Statement.length;
    doc.Statement = doc.Statement.filter((s: Json) => s.Condition?.Bool?.['aws:SecureTransport'] === undefined);
    if (doc.Statement.length !== before - 1) throw new Error('the log bucket policy has no single TLS Deny statement to remove');
    policy.policy = JSON.stringify(doc);
    const trail = resourcesOf(stack, 'aws_cloudtrail', 'trail_');
    trail.enable_log_file_validation = false;
    trail.is_multi_region_trail = false;
    const management = trail.advanced_event_selector.find((s: Json) => s.field_selector.some((f: Json) => (f.equals ?? []).includes('Management')));
    management.field_selector.push({ field: 'readOnly', equals: ['false'] });
    resourcesOf(stack, 'aws_cloudwatch_metric_alarm', 'alarm-root-usage').actions_enabled = false;
    // Config refuses forceDestroy next to Object Lock; the access-log bucket has none.
    resourcesOf(stack, 'aws_s3_bucket', 'trail_access-log-bucket').force_destroy = true;
  },
};

export const BENIGN: UpdateScenario = {
  fixture: 'acme-prod.benign.json',
  description: 'acme-prod after a pull request that only tightens: console-sign-in-failures threshold 5 -> 3, low also routed to security, a new email subscriber on security, a new topic audit that info also reaches',
  editConfig(c) {
    c.detections.overrides['console-sign-in-failures'].threshold = 3;
    c.alerting.routing.low = ['digest', 'security'];
    c.alerting.topics.find((t: Json) => t.name === 'security').subscriptions.push({ protocol: 'email', endpoint: 'soc@acme.example' });
    c.alerting.topics.push({ name: 'audit', notifyOk: false, subscriptions: [{ protocol: 'email', endpoint: 'audit@acme.example' }] });
    c.alerting.routing.info = ['digest', 'audit'];
  },
};

export const SCENARIOS: readonly UpdateScenario[] = [WEAKENING, BENIGN];

/**
 * Synthesizes the base environment changed by `scenario` (or unchanged) into a fresh cdktf output
 * folder; returns the stack folder (`<outdir>/stacks/trailwatch-acme-prod`).
 */
export function synthScenario(scenario?: UpdateScenario, base = BASE_CONFIG): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `trailwatch-review-${scenario ? path.basename(scenario.fixture, '.json') : 'base'}-`));
  const config = parse(fs.readFileSync(base, 'utf8')) as Json;
  scenario?.editConfig(config);
  const file = path.join(dir, path.basename(base));
  fs.writeFileSync(file, stringify(config));
  const { env, problems } = loadFile(file);
  if (!env) throw new Error(`scenario ${scenario?.fixture}: the changed config is invalid:\n${problems.join('\n')}`);
  const app = new App({ outdir: path.join(dir, 'cdktf.out') });
  const stack = new EnvironmentStack(app, env);
  app.synth();
  const stackDir = path.join(dir, 'cdktf.out', 'stacks', stack.node.id);
  if (scenario?.editStack) {
    const json = path.join(stackDir, 'cdk.tf.json');
    const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as Json;
    scenario.editStack(parsed);
    fs.writeFileSync(json, JSON.stringify(parsed, null, 2));
  }
  return stackDir;
}
