/**
 * The parts of `terraform show -json <planfile>` the review reads (Terraform's "JSON Output Format",
 * developer.hashicorp.com/terraform/internals/json-format: format_version 1.x), with every value
 * marked sensitive in the plan (`before_sensitive` / `after_sensitive`) replaced by `(sensitive)`
 * before any other code sees it: nothing downstream can print a secret by accident.
 */

export const SENSITIVE = '(sensitive)';

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** A resource's change, values already masked. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode: string;
  readonly actions: readonly Action[];
  /** Attribute values before the change (null for a create). */
  readonly before: Record<string, unknown> | null;
  /** Attribute values after the change (null for a delete); unknown-until-apply values are `(known after apply)`. */
  readonly after: Record<string, unknown> | null;
  /** Why Terraform replaces it (`replace_because_cannot_update`, `replace_by_request`, ...). */
  readonly actionReason?: string;
}

export interface OutputChange {
  readonly name: string;
  readonly actions: readonly Action[];
  readonly before: unknown;
  readonly after: unknown;
}

/** One stack's plan, reduced to what the review reads. */
export interface Plan {
  readonly formatVersion: string;
  readonly resources: readonly ResourceChange[];
  readonly outputs: readonly OutputChange[];
}

export const UNKNOWN = '(known after apply)';

/** Whether a sensitive or unknown mask marks anything at all (most masks are all `false` / `{}`). */
function marksAnything(mask: unknown): boolean {
  if (mask === true) return true;
  if (!mask || typeof mask !== 'object') return false;
  for (const v of Array.isArray(mask) ? mask : Object.values(mask)) if (marksAnything(v)) return true;
  return false;
}

/** Replaces every value marked sensitive by `(sensitive)`, following the mask's shape. */
export function maskSensitive(value: unknown, mask: unknown): unknown {
  if (!marksAnything(mask)) return value;
  return mask === true ? (value === null || value === undefined ? value : SENSITIVE) : maskInside(value, mask);
}

function maskInside(value: unknown, mask: unknown): unknown {
  if (mask === true) return value === null || value === undefined ? value : SENSITIVE;
  if (!mask || typeof mask !== 'object' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const m = Array.isArray(mask) ? mask : [];
    return value.map((v, i) => maskInside(v, m[i]));
  }
  const m = mask as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskInside(v, m[k]);
  return out;
}

/** Marks values Terraform will only know after apply, following the `after_unknown` shape. */
function markUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (!unknown || typeof unknown !== 'object') return value;
  if (Array.isArray(unknown)) {
    const v = Array.isArray(value) ? value : [];
    return unknown.map((u, i) => markUnknown(v[i], u));
  }
  const out: Record<string, unknown> = { ...((value ?? {}) as Record<string, unknown>) };
  for (const [k, u] of Object.entries(unknown as Record<string, unknown>)) out[k] = markUnknown(out[k], u);
  return out;
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Thrown for a file that is not the JSON of a saved plan; the message says what to run instead. */
export class PlanFormatError extends Error {}

/**
 * Reads the parsed JSON of one plan. Rejects state files, `terraform plan -json` log streams and
 * future major versions of the format, naming the file.
 */
export function readPlan(json: unknown, file: string): Plan {
  const raw = asObject(json);
  if (!raw || typeof raw.format_version !== 'string') {
    throw new PlanFormatError(`${file}: not the JSON of a saved plan (no format_version); make it with \`terraform show -json <planfile>\``);
  }
  if (!raw.format_version.startsWith('1.')) {
    throw new PlanFormatError(`${file}: plan JSON format ${raw.format_version} is not supported (this review reads format 1.x)`);
  }
  if (!Array.isArray(raw.resource_changes) && raw.planned_values === undefined && raw.values !== undefined) {
    throw new PlanFormatError(`${file}: has no resource_changes: it looks like a state file, not a plan; make it with \`terraform show -json <planfile>\``);
  }
  const resources: ResourceChange[] = [];
  for (const rc of (raw.resource_changes ?? []) as Record<string, any>[]) {
    const change = asObject(rc.change) ?? {};
    const before = asObject(maskSensitive(change.before, change.before_sensitive));
    const afterMasked = asObject(maskSensitive(change.after, change.after_sensitive));
    const after = afterMasked && marksAnything(change.after_unknown) ? asObject(markUnknown(afterMasked, change.after_unknown)) : afterMasked;
    resources.push({
      address: String(rc.address),
      type: String(rc.type),
      mode: String(rc.mode ?? 'managed'),
      actions: (change.actions ?? []) as Action[],
      before,
      after,
      ...(typeof rc.action_reason === 'string' ? { actionReason: rc.action_reason } : {}),
    });
  }
  const outputs: OutputChange[] = Object.entries(asObject(raw.output_changes) ?? {}).map(([name, c]) => {
    const change = asObject(c) ?? {};
    return {
      name,
      actions: (change.actions ?? []) as Action[],
      before: maskSensitive(change.before, change.before_sensitive),
      after: change.after_unknown === true ? UNKNOWN : maskSensitive(change.after, change.after_sensitive),
    };
  });
  return { formatVersion: raw.format_version, resources, outputs };
}

/** What a resource change does, in one word. */
/** `forget`: removed from state by a `removed` block, the real resource kept. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'forget' | 'none';

export function changeKind(actions: readonly Action[]): ChangeKind {
  const del = actions.includes('delete');
  const create = actions.includes('create');
  if (del && create) return 'replace';
  if (del) return 'delete';
  if (actions.includes('forget')) return 'forget';
  if (create) return 'create';
  if (actions.includes('update')) return 'update';
  return 'none';
}

/** Reads a nested value: `get(obj, 'rule', 0, 'default_retention', 0, 'days')`. */
export function get(value: unknown, ...path: (string | number)[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
