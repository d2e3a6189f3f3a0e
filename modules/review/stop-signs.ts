/**
 * Stop signs: changes that lose evidence or open a gap in logging. A reviewer should not approve one
 * without knowing why.
 *
 * `prevent_destroy` is not in plan JSON (not an attribute, and the `configuration` section carries no
 * `lifecycle`), so the organization trail writes it as the output `<id>_prevent_destroy`; the plan's
 * `output_changes` then show it turned off, before → after, from the state of the last apply. A
 * destroy of a protected resource never reaches a plan at all: Terraform refuses to plan it.
 */
import { type Finding } from './finding';
import { type OutputChange, type Plan, type ResourceChange, changeKind, get } from './plan';
import { STATEFUL_TYPES, describeResource } from './resources';

/** The attribute holding a stateful resource's name, to say "renamed from ... to ...". */
const NAME_KEYS: Record<string, string> = { aws_s3_bucket: 'bucket', aws_cloudtrail: 'name', aws_cloudwatch_log_group: 'name' };

const stop = (text: string, statefulDestroy = false): Finding => ({ section: 'stop', weakening: true, text, ...(statefulDestroy ? { statefulDestroy } : {}) });

function statefulDestroy(r: ResourceChange): Finding | undefined {
  if (!STATEFUL_TYPES.has(r.type)) return undefined;
  const kind = changeKind(r.actions);
  if (kind !== 'delete' && kind !== 'replace') return undefined;
  const why = r.actionReason === 'replace_because_cannot_update' ? ' (an attribute that cannot change in place changed)' : '';
  const key = NAME_KEYS[r.type];
  const oldName = key ? get(r.before, key) : undefined;
  const newName = key ? get(r.after, key) : undefined;
  const renamed = kind === 'replace' && typeof oldName === 'string' && typeof newName === 'string' && oldName !== newName;
  const what = renamed ? capital(describeResource({ ...r, after: r.before })) : capital(describeResource(r));
  const verb = kind === 'replace' ? `is **replaced**${renamed ? ` by \`${newName}\`` : ''}: the old one is destroyed` : 'is **destroyed**';
  return stop(`${what} ${verb}${renamed ? '' : why}. \`${r.address}\``, true);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** True → false (or gone) of a boolean attribute on an updated resource. */
function turnedOff(r: ResourceChange, key: string): boolean {
  return changeKind(r.actions) === 'update' && get(r.before, key) === true && get(r.after, key) !== true;
}

function trailFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_cloudtrail' || !r.before || !r.after) return [];
  const out: Finding[] = [];
  const name = describeResource(r);
  const off: [string, string][] = [
    ['enable_logging', 'stops logging'],
    ['is_multi_region_trail', 'is no longer multi-region (events of other regions are not logged)'],
    ['enable_log_file_validation', 'no longer validates log files (digest files stop)'],
    ['is_organization_trail', 'is no longer an organization trail (member accounts are not logged)'],
    ['include_global_service_events', 'no longer logs global service events (IAM, STS, sign-in)'],
  ];
  for (const [key, words] of off) if (turnedOff(r, key)) out.push(stop(`${capital(name)} ${words}: \`${key}\` true → ${JSON.stringify(get(r.after, key) ?? null)}.`));
  const hadLogs = Boolean(get(r.before, 'cloud_watch_logs_group_arn'));
  if (hadLogs && !get(r.after, 'cloud_watch_logs_group_arn')) {
    out.push(stop(`${capital(name)} stops delivering to CloudWatch Logs: every detection alarm goes blind.`));
  }
  const before = managementEvents(r.before);
  const after = managementEvents(r.after);
  if (before === 'read and write' && after !== before) {
    out.push(stop(`${capital(name)} no longer logs management events read **and** write: now ${after}.`));
  }
  return out;
}

/** Which management events a trail's selectors log: 'read and write', 'read only', 'write only' or 'none'. */
export function managementEvents(trail: Record<string, unknown>): string {
  const basic = (get(trail, 'event_selector') ?? []) as Record<string, unknown>[];
  const advanced = (get(trail, 'advanced_event_selector') ?? []) as Record<string, unknown>[];
  let read = false;
  let write = false;
  // No selectors at all: CloudTrail logs all management events (its default).
  if (basic.length === 0 && advanced.length === 0) return 'read and write';
  for (const s of basic) {
    if (s.include_management_events === false) continue;
    const rw = s.read_write_type ?? 'All';
    if (rw === 'All' || rw === 'ReadOnly') read = true;
    if (rw === 'All' || rw === 'WriteOnly') write = true;
  }
  for (const s of advanced) {
    const fields = (s.field_selector ?? []) as Record<string, unknown>[];
    const category = fields.find((f) => f.field === 'eventCategory');
    if (!category || !((category.equals ?? []) as string[]).includes('Management')) continue;
    const readOnly = fields.find((f) => f.field === 'readOnly');
    const only = ((readOnly?.equals ?? []) as string[])[0];
    if (only !== 'false') read = true;
    if (only !== 'true') write = true;
  }
  if (read && write) return 'read and write';
  return read ? 'read only' : write ? 'write only' : 'none';
}

function retentionDays(lock: Record<string, unknown> | null): number | undefined {
  const rule = get(lock, 'rule', 0, 'default_retention', 0) as Record<string, unknown> | undefined;
  if (!rule) return undefined;
  if (typeof rule.days === 'number') return rule.days;
  if (typeof rule.years === 'number') return rule.years * 365;
  return undefined;
}

function objectLockFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_s3_bucket_object_lock_configuration' || !r.before) return [];
  const bucket = String(get(r.before, 'bucket') ?? r.address);
  const before = retentionDays(r.before);
  const after = retentionDays(r.after);
  const out: Finding[] = [];
  if (before !== undefined && (after === undefined || after < before)) {
    out.push(stop(`Object Lock retention of \`${bucket}\` is shortened: ${before} days → ${after === undefined ? 'none' : `${after} days`}.`));
  }
  const modeBefore = get(r.before, 'rule', 0, 'default_retention', 0, 'mode');
  const modeAfter = get(r.after, 'rule', 0, 'default_retention', 0, 'mode');
  if (modeBefore === 'COMPLIANCE' && modeAfter !== 'COMPLIANCE' && after !== undefined) {
    out.push(stop(`Object Lock of \`${bucket}\` goes from COMPLIANCE to ${String(modeAfter)}: a privileged user can now delete locked logs.`));
  }
  return out;
}

function bucketFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_s3_bucket' || !r.after) return [];
  const wasOn = get(r.before, 'force_destroy') === true;
  if (get(r.after, 'force_destroy') !== true || wasOn) return [];
  const what = r.before ? 'is turned on for' : 'is on for the new';
  return [stop(`\`force_destroy\` ${what} ${describeResource(r).replace(/^the /, '')}: \`terraform destroy\` would delete it with every log in it.`)];
}

function keyFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_kms_key' || !r.before || !r.after) return [];
  const out: Finding[] = [];
  const before = get(r.before, 'deletion_window_in_days');
  const after = get(r.after, 'deletion_window_in_days');
  if (typeof before === 'number' && typeof after === 'number' && after < before) {
    out.push(stop(`The KMS deletion window of ${describeResource(r)} is shortened: ${before} → ${after} days to notice and cancel a scheduled deletion.`));
  }
  if (turnedOff(r, 'enable_key_rotation')) out.push(stop(`Key rotation is turned off for ${describeResource(r)}.`));
  if (turnedOff(r, 'is_enabled')) out.push(stop(`${capital(describeResource(r))} is **disabled**: nothing it encrypts can be written or read.`));
  return out;
}

function logGroupFindings(r: ResourceChange): Finding[] {
  if (r.type !== 'aws_cloudwatch_log_group' || !r.before || !r.after) return [];
  const before = get(r.before, 'retention_in_days');
  const after = get(r.after, 'retention_in_days');
  // 0 means "never expire" in the provider.
  const days = (v: unknown) => (v === 0 || v === null ? Infinity : (v as number));
  if (typeof before === 'number' && typeof after === 'number' && days(after) < days(before)) {
    return [stop(`The retention of ${describeResource(r)} is shortened: ${before || 'never expire'} → ${after} days.`)];
  }
  return [];
}

function preventDestroyFindings(o: OutputChange): Finding[] {
  if (!o.name.endsWith('prevent_destroy')) return [];
  if (o.before === true && o.after !== true) {
    return [stop(`\`prevent_destroy\` is removed from the trail, its buckets, keys and log group (output \`${o.name}\`: true → ${JSON.stringify(o.after ?? null)}): the next plan may destroy them.`)];
  }
  return [];
}

/** Every stop sign of a plan, in plan order. */
export function stopSigns(plan: Plan): Finding[] {
  const out: Finding[] = [];
  for (const r of plan.resources) {
    if (r.mode !== 'managed') continue;
    const destroy = statefulDestroy(r);
    if (destroy) out.push(destroy);
    out.push(...trailFindings(r), ...objectLockFindings(r), ...bucketFindings(r), ...keyFindings(r), ...logGroupFindings(r));
  }
  for (const o of plan.outputs) out.push(...preventDestroyFindings(o));
  // Lost evidence first, then protection removed, then the rest in plan order.
  const rank = (f: Finding) => (f.statefulDestroy ? 0 : f.text.startsWith('`prevent_destroy`') ? 1 : 2);
  return out.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}
