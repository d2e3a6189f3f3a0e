/**
 * Policy changes statement by statement, for the bucket, key, topic, queue and role policies of a
 * stack: statements are matched by Sid (else by effect and actions), then principals, actions,
 * resources and conditions are compared. What widens access is weakening: an Allow that grants more
 * (a statement added, a principal, action or resource added, a condition dropped), a Deny that denies
 * less (removed, or narrowed). IAM policy grammar: docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import { type Finding } from './finding';
import { type Plan, type ResourceChange, SENSITIVE, UNKNOWN, changeKind, get } from './plan';
import { describeResource } from './resources';

/** Resource type → the attributes holding a policy document. */
const POLICY_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_s3_bucket_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_sns_topic: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sqs_queue: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_iam_role_policy: ['policy'],
};

/** Condition keys that tie a grant to its source (a confused-deputy guard); dropping one is named. */
const SOURCE_KEYS = /^aws:(SourceArn|SourceAccount|SourceOrgID|SourceOrgPaths|PrincipalOrgID|PrincipalOrgPaths|PrincipalAccount|SourceVpc|SourceVpce|SourceIp)$|^kms:(EncryptionContext|CallerAccount|ViaService)/i;

interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly string[];
  /** `<operator> <key>` → its values. */
  readonly conditionValues: ReadonlyMap<string, readonly string[]>;
  readonly raw: unknown;
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function normalise(s: Record<string, any>): Statement {
  const principals: string[] = [];
  for (const key of ['Principal', 'NotPrincipal']) {
    const p = s[key];
    const not = key === 'NotPrincipal' ? 'not ' : '';
    if (p === '*') principals.push(`${not}*`);
    else if (p && typeof p === 'object') for (const [kind, ids] of Object.entries(p)) for (const id of list(ids)) principals.push(`${not}${kind === 'AWS' && id === '*' ? '*' : `${kind}:${id}`}`);
  }
  const conditions: string[] = [];
  const conditionValues = new Map<string, string[]>();
  for (const [op, entries] of Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [key, value] of Object.entries(entries ?? {})) {
      conditions.push(`${op} ${key} = ${list(value).join(' | ')}`);
      conditionValues.set(`${op} ${key}`, list(value).sort());
    }
  }
  return {
    sid: typeof s.Sid === 'string' && s.Sid ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    principals: principals.sort(),
    actions: [...list(s.Action), ...list(s.NotAction).map((a) => `not ${a}`)].sort(),
    resources: [...list(s.Resource), ...list(s.NotResource).map((r) => `not ${r}`)].sort(),
    conditions: conditions.sort(),
    conditionValues,
    raw: s,
  };
}

/** The statements of a policy document, or undefined when it is not readable (unknown, sensitive, not JSON). */
export function statementsOf(doc: unknown): Statement[] | undefined {
  if (typeof doc !== 'string' || doc === UNKNOWN || doc === SENSITIVE || doc === '') return undefined;
  try {
    const parsed = JSON.parse(doc) as { Statement?: unknown };
    const st = parsed.Statement;
    return (Array.isArray(st) ? st : st ? [st] : []).map((s) => normalise(s as Record<string, any>));
  } catch {
    return undefined;
  }
}

const key = (s: Statement) => s.sid ?? `${s.effect} ${s.actions.join(',')}`;
const code = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ');
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const isWildcardAction = (a: string) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a);

function summary(s: Statement): string {
  const who = s.principals.length ? ` for ${code(s.principals)}` : '';
  const when = s.conditions.length ? ` when ${code(s.conditions)}` : '';
  return `${s.effect} ${code(s.actions)} on ${code(s.resources)}${who}${when}`;
}

function details(before?: Statement, after?: Statement): string {
  const block = (title: string, s?: Statement) => (s ? [`${title}:`, '```json', JSON.stringify(s.raw, null, 2), '```'] : []);
  return [...block('before', before), ...block('after', after)].join('\n');
}

/** The last segment of an ARN or path: a topic's or bucket's name. */
const lastSegment = (v: string) => v.slice(Math.max(v.lastIndexOf(':'), v.lastIndexOf('/')) + 1);

function compareStatement(where: string, b: Statement, a: Statement, created: ReadonlySet<string>): Finding[] {
  const name = `${where}, statement \`${key(a)}\``;
  const out: Finding[] = [];
  const deny = a.effect === 'Deny';
  const add = (weakening: boolean, text: string) => out.push({ section: 'policies', weakening, text: `${name}: ${text}`, details: details(b, a) });
  if (b.effect !== a.effect) add(b.effect === 'Deny', `effect ${b.effect} → **${a.effect}**.`);
  const diffs: [string, readonly string[], readonly string[]][] = [
    ['principals', b.principals, a.principals],
    ['actions', b.actions, a.actions],
    ['resources', b.resources, a.resources],
  ];
  for (const [what, before, after] of diffs) {
    const added = minus(after, before);
    const removed = minus(before, after);
    const wildcard = added.filter((x) => x === '*' || (what === 'actions' && isWildcardAction(x)));
    if (added.length) add(!deny, `${what} added ${code(added)}${wildcard.length && !deny ? ` (**wildcard ${what === 'actions' ? 'action' : 'principal'}**)` : ''}.`);
    if (removed.length) add(deny, `${what} removed ${code(removed)}.`);
  }
  const condRemoved = b.conditions.filter((c) => !a.conditionValues.has(c.split(' = ')[0]));
  const condAdded = a.conditions.filter((c) => !b.conditionValues.has(c.split(' = ')[0]));
  const source = condRemoved.filter((c) => SOURCE_KEYS.test(c.split(' ')[1] ?? ''));
  if (condRemoved.length) add(!deny, `conditions removed ${code(condRemoved)}${source.length && !deny ? ' (**source condition dropped**)' : ''}.`);
  if (condAdded.length) add(deny, `conditions added ${code(condAdded)}.`);
  // Same condition key, other values: an Allow that accepts more values grants more, unless the new
  // values name resources this plan creates (a new topic of the same module, say).
  for (const [condition, valuesAfter] of a.conditionValues) {
    const valuesBefore = b.conditionValues.get(condition);
    if (!valuesBefore) continue;
    const more = minus(valuesAfter, valuesBefore);
    const fewer = minus(valuesBefore, valuesAfter);
    const ownNew = more.every((v) => created.has(lastSegment(v)));
    if (more.length) add(!deny && !ownNew, `condition \`${condition}\` now also accepts ${code(more)}${ownNew && !deny ? ' (resources this plan creates)' : ''}.`);
    if (fewer.length) add(deny, `condition \`${condition}\` no longer accepts ${code(fewer)}.`);
  }
  return out;
}

function comparePolicies(where: string, before: Statement[], after: Statement[], created: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const afterByKey = new Map(after.map((s) => [key(s), s]));
  const beforeKeys = new Set(before.map(key));
  for (const b of before) {
    const a = afterByKey.get(key(b));
    if (a) out.push(...compareStatement(where, b, a, created));
    else out.push({ section: 'policies', weakening: b.effect === 'Deny', text: `${where}: ${b.effect === 'Deny' ? '**Deny statement' : 'statement'} \`${key(b)}\` removed${b.effect === 'Deny' ? '**' : ''} (${summary(b)}).`, details: details(b) });
  }
  for (const a of after.filter((s) => !beforeKeys.has(key(s)))) {
    const wild = a.effect === 'Allow' && (a.principals.includes('*') || a.actions.some(isWildcardAction));
    out.push({ section: 'policies', weakening: a.effect === 'Allow', text: `${where}: ${a.effect} statement \`${key(a)}\` added${wild ? ' with a **wildcard**' : ''} (${summary(a)}).`, details: details(undefined, a) });
  }
  return out;
}

/**
 * Names a replaced resource changes (a renamed bucket): old name -> new name. Statements that differ
 * only by such a rename are the same grant and are compared after applying it, so a rename does not
 * read as "resources added" in every policy that names the bucket.
 */
export function renamesOf(plan: Plan): Map<string, string> {
  const renames = new Map<string, string>();
  for (const r of plan.resources) {
    if (changeKind(r.actions) !== 'replace') continue;
    for (const key of ['bucket', 'name']) {
      const before = get(r.before, key);
      const after = get(r.after, key);
      if (typeof before === 'string' && typeof after === 'string' && before !== after && before.length >= 8) renames.set(before, after);
    }
  }
  return renames;
}

function applyRenames(doc: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof doc !== 'string' || renames.size === 0) return doc;
  let out = doc;
  for (const [from, to] of renames) out = out.split(from).join(to);
  return out;
}

function policyFindings(r: ResourceChange, renames: ReadonlyMap<string, string>, created: ReadonlySet<string>): Finding[] {
  const attributes = POLICY_ATTRIBUTES[r.type];
  const kind = changeKind(r.actions);
  if (!attributes || kind === 'none' || kind === 'create' || kind === 'forget') return [];
  const out: Finding[] = [];
  for (const attr of attributes) {
    const before = statementsOf(applyRenames(get(r.before, attr), renames));
    if (!before) continue;
    const where = `${describeResource(r)[0].toUpperCase()}${describeResource(r).slice(1)}${attributes.length > 1 || attr !== 'policy' ? ` (${attr})` : ''}`;
    if (kind === 'delete') {
      out.push(...comparePolicies(where, before, [], created));
      continue;
    }
    const afterValue = get(r.after, attr);
    const after = statementsOf(afterValue);
    if (!after) {
      if (afterValue === UNKNOWN) out.push({ section: 'policies', weakening: false, text: `${where}: the new policy is known only after apply; read it in the plan.` });
      continue;
    }
    out.push(...comparePolicies(where, before, after, created));
  }
  return out;
}

/** Statement-level changes of every policy in the plan (created resources have no before to compare). */
export function policyChanges(plan: Plan): Finding[] {
  const renames = renamesOf(plan);
  const created = new Set<string>();
  for (const r of plan.resources) {
    if (changeKind(r.actions) !== 'create') continue;
    for (const key of ['name', 'bucket']) {
      const v = get(r.after, key);
      if (typeof v === 'string') created.add(v);
    }
  }
  return plan.resources.flatMap((r) => policyFindings(r, renames, created));
}
