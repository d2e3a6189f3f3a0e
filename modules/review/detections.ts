/**
 * Detection changes in words: a detection added or removed, an alarm whose trigger changed, an alarm
 * that loses its actions, a filter pattern that changed (diffed and measured on sample events).
 * Detection alarms are found by their `trailwatch:detection` tag and their filter by metric name;
 * the per-principal sign-in and trail-health alarms by their own tags.
 */
import { duration, alarmsAbove, trigger } from './alarm-words';
import { type Finding } from './finding';
import { comparePatterns } from './pattern-diff';
import { type Plan, type ResourceChange, changeKind, get } from './plan';
import { arnName } from './resources';

const DETECTION_TAG = 'trailwatch:detection';

function tag(values: Record<string, unknown> | null, key: string): string | undefined {
  const v = get(values, 'tags', key) ?? get(values, 'tags_all', key);
  return typeof v === 'string' ? v : undefined;
}

/** The name a reviewer knows an alarm by: its detection id, its sign-in rule, or its alarm name. */
function alarmLabel(r: ResourceChange): { name: string; unit: string } {
  const values = r.after ?? r.before;
  const detection = tag(values, DETECTION_TAG);
  if (detection) return { name: detection, unit: 'events' };
  const signIn = tag(values, 'trailwatch:sign-in-failures');
  if (signIn) return { name: `sign-in failures ${signIn}`, unit: 'failures' };
  if (r.address.includes('trail-health')) return { name: 'trail health', unit: 'events' };
  return { name: String(get(values, 'alarm_name') ?? r.address), unit: '' };
}

const actionsOf = (v: Record<string, unknown> | null) => ((get(v, 'alarm_actions') ?? []) as string[]).map(arnName);

function alarmUpdate(r: ResourceChange): Finding[] {
  const before = r.before!;
  const after = r.after!;
  const { name, unit } = alarmLabel(r);
  const out: Finding[] = [];
  const was = trigger(before, unit);
  const now = trigger(after, unit);
  if (was !== now) {
    const tb = Number(get(before, 'threshold'));
    const ta = Number(get(after, 'threshold'));
    const above = alarmsAbove(after);
    const harder = (above ? ta > tb : ta < tb) || Number(get(after, 'datapoints_to_alarm') ?? 1) > Number(get(before, 'datapoints_to_alarm') ?? 1);
    out.push({ section: 'detections', weakening: harder, text: `**${name}**: alarms at ${now} instead of ${was}${harder ? ' (harder to trigger)' : ''}.` });
  }
  const missingBefore = get(before, 'treat_missing_data');
  const missingAfter = get(after, 'treat_missing_data');
  if (missingBefore !== missingAfter) {
    out.push({
      section: 'detections',
      weakening: missingBefore === 'breaching',
      text: `**${name}**: missing data is treated as \`${String(missingAfter)}\` instead of \`${String(missingBefore)}\`.`,
    });
  }
  if (get(before, 'actions_enabled') === true && get(after, 'actions_enabled') !== true) {
    out.push({ section: 'detections', weakening: true, text: `**${name}**: alarm actions are **disabled**: the alarm changes state and notifies nobody.` });
  }
  const lost = actionsOf(before).filter((a) => !actionsOf(after).includes(a));
  if (lost.length > 0 && actionsOf(after).length === 0) {
    out.push({ section: 'detections', weakening: true, text: `**${name}**: the alarm **loses all its actions** (was ${lost.map((a) => `\`${a}\``).join(', ')}): it notifies nobody.` });
  }
  const p1 = get(before, 'period');
  const p2 = get(after, 'period');
  if (typeof p1 === 'number' && typeof p2 === 'number' && p1 !== p2 && was === now) {
    out.push({ section: 'detections', weakening: false, text: `**${name}**: period ${duration(p1)} → ${duration(p2)}.` });
  }
  return out;
}

/** One line per added or removed detection, per changed alarm, per changed pattern. */
export function detectionChanges(plan: Plan): Finding[] {
  const filters = new Map<string, ResourceChange>();
  for (const r of plan.resources) {
    if (r.type !== 'aws_cloudwatch_log_metric_filter') continue;
    const metric = get(r.after ?? r.before, 'metric_transformation', 0, 'name');
    if (typeof metric === 'string') filters.set(metric, r);
  }
  const out: Finding[] = [];
  for (const r of plan.resources) {
    if (r.type !== 'aws_cloudwatch_metric_alarm') continue;
    const kind = changeKind(r.actions);
    const { name, unit } = alarmLabel(r);
    const isDetection = tag(r.after ?? r.before, DETECTION_TAG) !== undefined;
    const what = isDetection ? 'Detection' : 'Alarm';
    if (kind === 'delete') {
      out.push({ section: 'detections', weakening: true, text: `${what} **${name}** is **removed**: its alarm (${trigger(r.before!, unit)}) will never fire again.` });
    } else if (kind === 'create') {
      const severity = tag(r.after, 'trailwatch:severity');
      const to = actionsOf(r.after).map((a) => `\`${a}\``).join(', ') || 'no topic';
      out.push({ section: 'detections', weakening: false, text: `${what} **${name}** is added${severity ? ` (${severity})` : ''}: alarms at ${trigger(r.after!, unit)}, notifies ${to}.` });
    } else if (kind === 'update' || kind === 'replace') out.push(...alarmUpdate(r));
    const metric = get(r.after ?? r.before, 'metric_name');
    const filter = typeof metric === 'string' ? filters.get(metric) : undefined;
    if (filter && changeKind(filter.actions) !== 'create' && changeKind(filter.actions) !== 'delete') {
      const before = get(filter.before, 'pattern');
      const after = get(filter.after, 'pattern');
      if (typeof before === 'string' && typeof after === 'string' && before !== after) {
        const change = comparePatterns(before, after);
        out.push({ section: 'detections', weakening: change.loses, text: `**${name}**: filter pattern changed; ${change.summary}.`, details: change.diff });
      }
    }
  }
  return out;
}
