/**
 * Routing changes: which topics each severity reaches (read from the alarms' `trailwatch:severity`
 * tag and alarm actions, before and after), topics and subscriptions added or removed, and a
 * subscriber moved to a weaker protocol.
 */
import { type Finding } from './finding';
import { type Plan, type ResourceChange, changeKind, get } from './plan';
import { arnName } from './resources';

/**
 * How much a protocol protects a notification in transit and on delivery: https and AWS-internal
 * targets are encrypted end to end; email and SMS leave AWS in the clear on the last hop; http is
 * plain text all the way (SNS "Message delivery protocols", docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html).
 */
const PROTOCOL_STRENGTH: Record<string, number> = {
  https: 3, sqs: 3, lambda: 3, firehose: 3, application: 3,
  email: 2, 'email-json': 2, sms: 2,
  http: 1,
};

type Reach = Map<string, Set<string>>;

function reach(plan: Plan, side: 'before' | 'after'): Reach {
  const out: Reach = new Map();
  for (const r of plan.resources) {
    if (r.type !== 'aws_cloudwatch_metric_alarm') continue;
    const v = r[side];
    const severity = get(v, 'tags', 'trailwatch:severity') ?? get(v, 'tags_all', 'trailwatch:severity');
    if (!v || typeof severity !== 'string') continue;
    const topics = out.get(severity) ?? new Set<string>();
    if (get(v, 'actions_enabled') !== false) for (const a of (get(v, 'alarm_actions') ?? []) as string[]) topics.add(arnName(a));
    out.set(severity, topics);
  }
  return out;
}

const names = (xs: Iterable<string>) => [...xs].map((x) => `\`${x}\``).join(', ');

function subscriptionLabel(v: Record<string, unknown>): string {
  return `${String(get(v, 'protocol'))} \`${String(get(v, 'endpoint'))}\` on topic \`${arnName(String(get(v, 'topic_arn')))}\``;
}

function subscriptionFindings(plan: Plan): Finding[] {
  const subs = plan.resources.filter((r) => r.type === 'aws_sns_topic_subscription');
  const removed = subs.filter((r) => ['delete', 'replace'].includes(changeKind(r.actions))).map((r) => r.before!);
  const added = subs.filter((r) => ['create', 'replace'].includes(changeKind(r.actions))).map((r) => r.after!);
  for (const r of subs.filter((s) => changeKind(s.actions) === 'update')) {
    removed.push(r.before!);
    added.push(r.after!);
  }
  const out: Finding[] = [];
  const paired = new Set<Record<string, unknown>>();
  for (const old of removed) {
    const topic = get(old, 'topic_arn');
    const strength = PROTOCOL_STRENGTH[String(get(old, 'protocol'))] ?? 0;
    const weaker = added.find((a) => !paired.has(a) && get(a, 'topic_arn') === topic && (PROTOCOL_STRENGTH[String(get(a, 'protocol'))] ?? 0) < strength);
    if (weaker) {
      paired.add(weaker);
      paired.add(old);
      out.push({ section: 'routing', weakening: true, text: `Subscriber moves to a **weaker protocol**: ${subscriptionLabel(old)} → ${String(get(weaker, 'protocol'))} \`${String(get(weaker, 'endpoint'))}\`.` });
    }
  }
  for (const old of removed.filter((s) => !paired.has(s) && !added.some((a) => same(a, s)))) {
    out.push({ section: 'routing', weakening: true, text: `Subscription removed: ${subscriptionLabel(old)}.` });
  }
  for (const a of added.filter((s) => !paired.has(s) && !removed.some((r) => same(r, s)))) {
    out.push({ section: 'routing', weakening: false, text: `Subscription added: ${subscriptionLabel(a)}.` });
  }
  return out;
}

function same(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return ['topic_arn', 'protocol', 'endpoint'].every((k) => get(a, k) === get(b, k));
}

function topicFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_sns_topic') return [];
  const kind = changeKind(r.actions);
  const name = String(get(r.after ?? r.before, 'name'));
  if (kind === 'delete') return [{ section: 'routing', weakening: true, text: `Topic \`${name}\` is **removed** with its subscriptions.` }];
  if (kind === 'create') return [{ section: 'routing', weakening: false, text: `Topic \`${name}\` is added.` }];
  if (kind === 'replace') return [{ section: 'routing', weakening: true, text: `Topic \`${name}\` is **replaced**: its email subscribers must confirm again.` }];
  return [];
}

/** Severities losing or gaining topics, then topic and subscription changes. */
export function routingChanges(plan: Plan): Finding[] {
  const before = reach(plan, 'before');
  const after = reach(plan, 'after');
  const out: Finding[] = [];
  for (const [severity, topics] of before) {
    const now = after.get(severity);
    if (!now) continue; // no alarm of this severity any more: said under detections
    const lost = [...topics].filter((t) => !now.has(t));
    const gained = [...now].filter((t) => !topics.has(t));
    if (now.size === 0 && topics.size > 0) out.push({ section: 'routing', weakening: true, text: `**${severity}** alarms **reach no topic** any more (were ${names(topics)}).` });
    else if (lost.length > 0) {
      const rest = now.size > gained.length ? ` (now ${names(now)})` : '';
      out.push({ section: 'routing', weakening: true, text: `**${severity}** alarms no longer reach ${names(lost)}${gained.length ? `; they now go to ${names(gained)}` : ''}${rest}.` });
    }
    else if (gained.length > 0) out.push({ section: 'routing', weakening: false, text: `**${severity}** alarms now also reach ${names(gained)}.` });
  }
  for (const r of plan.resources) out.push(...topicFindings(r));
  out.push(...subscriptionFindings(plan));
  return out;
}
