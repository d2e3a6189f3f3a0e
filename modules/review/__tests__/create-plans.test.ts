/**
 * The review of the example environments' create-plans (real Terraform plans, offline): what a
 * reviewer of a new environment is told, and that nothing there is mistaken for a destroy.
 */
import { GATES, evaluateGates, renderComment } from '../index';
import { reviewFixture, texts } from './support/plans';

describe('review of create-plans', () => {
  const prod = reviewFixture('acme-prod.create.json');

  it('names the environment and counts the plan like terraform does (80 to add)', () => {
    expect(prod.environment).toBe('acme-prod');
    expect(prod.counts).toEqual({ add: 80, change: 0, destroy: 0, replace: 0 });
  });

  it('lists every detection with its severity, trigger and topics, and no stop sign', () => {
    expect(texts(prod, 'stop')).toEqual([]);
    expect(texts(prod, 'detections')).toEqual(
      expect.arrayContaining([
        'Detection **console-sign-in-failures** is added (medium): alarms at ≥ 5 events in 10 min, notifies `acme-acme-prod-security`.',
        'Detection **unauthorized-api-calls** is added (low): alarms at ≥ 20 events in 5 min, notifies `acme-acme-prod-digest`.',
        'Detection **cloudtrail-changes** is added (critical): alarms at ≥ 1 event in 5 min, notifies `acme-acme-prod-pager`, `acme-acme-prod-security`.',
        'Alarm **sign-in failures console-by-principal** is added (critical): alarms at ≥ 3 failures in 5 min, notifies `acme-acme-prod-pager`, `acme-acme-prod-security`.',
        'Alarm **trail health** is added (critical): alarms at < 1 event in 1 h, notifies `acme-acme-prod-pager`, `acme-acme-prod-security`.',
      ]),
    );
    expect(texts(prod, 'detections').filter((t) => t.startsWith('Detection '))).toHaveLength(18);
  });

  it('lists new topics and subscriptions; a create-plan has no policy changes (nothing to compare)', () => {
    expect(texts(prod, 'routing')).toEqual(expect.arrayContaining(['Topic `acme-acme-prod-pager` is added.', 'Subscription added: https `https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue` on topic `acme-acme-prod-pager`.']));
    expect(texts(prod, 'policies')).toEqual([]);
  });

  it('a sandbox created with force_destroy gets that stop sign, and only the stop-sign gates trip', () => {
    const sandbox = reviewFixture('acme-sandbox.create.json');
    expect(texts(sandbox, 'stop')).toEqual([
      expect.stringMatching(/^`force_destroy` is on for the new access-log bucket `acme-acme-sandbox-access-logs-333333333333`/),
      expect.stringMatching(/^`force_destroy` is on for the new log bucket `acme-acme-sandbox-cloudtrail-333333333333`/),
    ]);
    const gate = evaluateGates([sandbox], [...GATES]);
    expect([...gate.tripped.keys()].sort()).toEqual(['any-change', 'detection-change', 'routing-change', 'stop-sign', 'weakening']);
  });

  it('renders one comment for all stacks: marker first, summary table, one section per stack', () => {
    const reviews = ['acme-prod', 'acme-sandbox', 'globex-prod'].map((e) => reviewFixture(`${e}.create.json`));
    const md = renderComment(reviews);
    expect(md.split('\n')[0]).toBe('<!-- trailwatch-review -->');
    expect(md).toContain('## trailwatch review: 3 stacks, 2 stop signs, 2 weakening changes');
    expect(md).toContain('| acme-prod | 80 | 0 | 0 | 0 | 0 | 0 |');
    // the stack with stop signs comes first
    expect(md.indexOf('### acme-sandbox')).toBeLessThan(md.indexOf('### acme-prod'));
    expect(md.indexOf('### acme-prod')).toBeLessThan(md.indexOf('### globex-prod'));
    expect(md.length).toBeLessThan(65536);
  });
});
