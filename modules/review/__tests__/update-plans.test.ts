/**
 * The review of update plans made by real Terraform against the AWS emulator (`npm run
 * review-fixtures`): acme-prod applied, its config changed as a pull request would
 * (support/update-scenarios.ts), planned again. Every change must be said in words, stop signs first,
 * and the gates must fail exactly where they should.
 */
import { GATES, evaluateGates, renderComment } from '../index';
import { reviewFixture, texts } from './support/plans';

const weakening = reviewFixture('acme-prod.weakening.json');
const benign = reviewFixture('acme-prod.benign.json');

describe('update plan: a pull request that weakens acme-prod', () => {
  it('counts like terraform (10 to add, 15 to change, 12 to destroy = 9 replaced + 3 destroyed)', () => {
    expect(weakening.counts).toEqual({ add: 1, change: 15, destroy: 3, replace: 9 });
  });

  it('says every stop sign, lost evidence first', () => {
    expect(texts(weakening, 'stop')).toEqual([
      'The log bucket `acme-acme-prod-cloudtrail-222222222222` is **replaced** by `acme-prod-trail-logs-renamed`: the old one is destroyed. `aws_s3_bucket.trail_log-bucket_EB558687`',
      '`prevent_destroy` is removed from the trail, its buckets, keys and log group (output `trail_prevent_destroy`: true → false): the next plan may destroy them.',
      'The trail `acme-acme-prod-organization-trail` is no longer multi-region (events of other regions are not logged): `is_multi_region_trail` true → false.',
      'The trail `acme-acme-prod-organization-trail` no longer validates log files (digest files stop): `enable_log_file_validation` true → false.',
      'The trail `acme-acme-prod-organization-trail` no longer logs management events read **and** write: now write only.',
      'The KMS deletion window of the alerts KMS key is shortened: 30 → 7 days to notice and cancel a scheduled deletion.',
      '`force_destroy` is turned on for access-log bucket `acme-acme-prod-access-logs-222222222222`: `terraform destroy` would delete it with every log in it.',
      'Object Lock retention of `acme-acme-prod-cloudtrail-222222222222` is shortened: 365 days → 30 days.',
    ]);
  });

  it('says each detection change in words: threshold raised, datapoints, missing data, actions disabled, pattern measured, detection removed', () => {
    expect(texts(weakening, 'detections')).toEqual([
      '**console-sign-in-failures**: alarms at ≥ 10 events in 10 min instead of ≥ 5 events in 10 min (harder to trigger).',
      '**iam-policy-changes**: alarms at ≥ 1 event in 2 of 3 periods of 5 min instead of ≥ 1 event in 5 min (harder to trigger).',
      '**root-usage**: alarm actions are **disabled**: the alarm changes state and notifies nobody.',
      '**unauthorized-api-calls**: filter pattern changed; now misses 3 of the 15 sample events it matched: `panther-ec2-authorize-sg-ingress-unauthorized`, `panther-ec2-describeinstanceattribute-client-unauthorized`, `panther-ec2-runinstances-client-unauthorized`.',
      'Detection **vpc-changes** is **removed**: its alarm (≥ 1 event in 5 min) will never fire again.',
      '**iam-policy-changes**: missing data is treated as `ignore` instead of `notBreaching`.',
    ]);
    const pattern = weakening.findings.find((f) => f.text.startsWith('**unauthorized-api-calls**'));
    expect(pattern?.details).toContain('```diff\n  $.errorCode = "*UnauthorizedOperation"\n  || $.errorCode = "AccessDenied*"\n+ && $.eventSource != "ec2.amazonaws.com"\n```');
  });

  it('says the severity that no longer reaches its topic and the subscriber moved to a weaker protocol', () => {
    expect(texts(weakening, 'routing')).toEqual([
      '**high** alarms no longer reach `acme-acme-prod-security`; they now go to `acme-acme-prod-digest`.',
      'Subscriber moves to a **weaker protocol**: https `https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue` on topic `acme-acme-prod-pager` → email `acme-prod@acme.pagerduty.com`.',
    ]);
  });

  it('says the TLS Deny was removed from the log bucket policy, and reads the bucket rename in other statements as a rename, not a grant', () => {
    expect(texts(weakening, 'policies')).toEqual([
      'The bucket policy of `acme-prod-trail-logs-renamed`: **Deny statement `DenyInsecureTransport` removed** (Deny `s3:*` on `arn:aws:s3:::acme-prod-trail-logs-renamed`, `arn:aws:s3:::acme-prod-trail-logs-renamed/*` for `*` when `Bool aws:SecureTransport = false`).',
    ]);
  });

  it('marks all but the missing-data change as weakening, and trips the stateful-destroy and weakening gates', () => {
    expect(weakening.findings.filter((f) => !f.weakening).map((f) => f.text)).toEqual(['**iam-policy-changes**: missing data is treated as `ignore` instead of `notBreaching`.']);
    const gate = evaluateGates([weakening], [...GATES]);
    expect([...gate.tripped.keys()].sort()).toEqual([...GATES].sort());
  });

  it('renders stop signs before detections, routing and policies, under the comment limit', () => {
    const md = renderComment([weakening], { gate: evaluateGates([weakening], ['stateful-destroy', 'weakening']) });
    const at = (s: string) => md.indexOf(s);
    expect(at('**Check failed:** `stateful-destroy` (acme-prod); `weakening` (acme-prod).')).toBeGreaterThan(0);
    expect(at('#### 🛑 Stop signs')).toBeLessThan(at('#### Detections'));
    expect(at('#### Detections')).toBeLessThan(at('#### Routing'));
    expect(at('#### Routing')).toBeLessThan(at('#### Policies'));
    expect(md.length).toBeLessThan(65536);
  });
});

describe('update plan: a pull request that only tightens acme-prod', () => {
  it('says each change in words and marks none as weakening (a grant to the topic it adds is not)', () => {
    expect(texts(benign)).toEqual([
      '**console-sign-in-failures**: alarms at ≥ 3 events in 10 min instead of ≥ 5 events in 10 min.',
      '**low** alarms now also reach `acme-acme-prod-security`.',
      'Topic `acme-acme-prod-audit` is added.',
      'Subscription added: email `audit@acme.example` on topic `acme-acme-prod-audit`.',
      'Subscription added: email `soc@acme.example` on topic `acme-acme-prod-security`.',
      'The alerts KMS key, statement `SnsTopicsOfThisModuleUseTheDeadLetterQueue`: condition `ArnEquals aws:SourceArn` now also accepts `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-audit` (resources this plan creates).',
      'Queue `acme-acme-prod-alerts-dlq`, statement `AlertTopicsSendUndeliveredNotifications`: condition `ArnEquals aws:SourceArn` now also accepts `arn:aws:sns:us-east-1:111111111111:acme-acme-prod-audit` (resources this plan creates).',
    ]);
    expect(benign.findings.some((f) => f.weakening)).toBe(false);
  });

  it('passes the stateful-destroy, stop-sign and weakening gates, and trips the change gates', () => {
    const gate = evaluateGates([benign], [...GATES]);
    expect([...gate.tripped.keys()].sort()).toEqual(['any-change', 'detection-change', 'policy-change', 'routing-change']);
  });
});

describe('update plan: acme-prod planned again without a change', () => {
  it('is reviewed as no change at all', () => {
    const same = reviewFixture('acme-prod.nochange.json');
    expect(same.changes).toEqual([]);
    expect(same.findings).toEqual([]);
    expect(renderComment([same])).toContain('No changes: acme-prod.');
  });
});
