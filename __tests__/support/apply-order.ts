/**
 * Apply-order check over a synthesized cdktf stack (the JSON `Testing.synth` returns).
 *
 * Why: trailwatch writes most cross-resource arguments as literal, config-derived strings (a log group
 * name, a bucket name, a topic ARN) so `terraform plan` shows them. A literal carries no dependency:
 * Terraform may then create the resource that names a thing before the thing exists, and the first
 * `terraform apply` fails (PutMetricFilter on a log group that is still waiting for its KMS key:
 * ResourceNotFoundException). This check finds every such argument, in any module, including ones
 * nobody has written yet: it knows nothing about trailwatch's resources.
 *
 * How:
 * - A resource *owns* a literal identifier when its own-name argument holds it (`name`, or per type
 *   `bucket` of aws_s3_bucket, `alarm_name` of an alarm: OWN_NAME_KEY). That argument is never checked.
 * - Every other argument of every resource is searched for owned identifiers, as a whole token
 *   (bounded by characters that cannot be part of a name), so ARNs built from a name
 *   (`arn:aws:sns:...:<topic name>`, `arn:aws:logs:...:log-group:<name>:*`) and JSON text that quotes a
 *   name (a Contributor Insights rule definition) are found too.
 * - Such an argument must reach the owner through the dependency graph: `${type.name...}` references
 *   and `depends_on`, directly or transitively.
 * - Exempt (they may name what does not exist yet, or what AWS never looks up): policy documents (any
 *   JSON with a `Statement`, and `*policy` arguments), free text (`description`, `alarm_description`,
 *   `display_name`, tags), filter patterns, metric names, namespaces and alarm dimensions.
 * - A resource's mention of an identifier it owns itself is about itself (a metric filter and its alarm
 *   may share a name): not checked.
 *
 * Offenders are reported as `<resource address>: <argument> names <resource address> without depending on it`.
 */

/**
 * The argument holding the name a resource is created with, for the types whose own name is not in
 * `name` (in the AWS provider, `name` is always a resource's own name; `bucket` or `function_name` of
 * most types name another resource). A type missing here is still checked as a referrer; only
 * references *to* it by its name would go unseen.
 */
const OWN_NAME_KEY: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'bucket',
  aws_s3_directory_bucket: 'bucket',
  aws_cloudwatch_metric_alarm: 'alarm_name',
  aws_cloudwatch_composite_alarm: 'alarm_name',
  aws_cloudwatch_contributor_insight_rule: 'rule_name',
  aws_lambda_function: 'function_name',
};
/** The argument holding a resource type's own name. */
const ownNameKey = (type: string) => OWN_NAME_KEY[type] ?? 'name';
const typeOf = (address: string) => address.slice(0, address.indexOf('.'));
/** Terraform meta-arguments and cdktf metadata: never resource arguments. */
const META_KEYS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection', 'tags', 'tags_all']);
/** Arguments that may name anything without needing it (see the header). Matched on any path segment. */
const EXEMPT_KEYS = new Set([
  'policy',
  'assume_role_policy',
  'description',
  'alarm_description',
  'display_name',
  'pattern',
  'filter_pattern',
  'metric_name',
  'namespace',
  'dimensions',
  'metric_transformation',
]);
/** Characters a name can contain: an identifier found next to one of them is part of a longer name. */
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** Identifiers shorter than this are too likely to occur by chance inside other strings. */
const MIN_IDENTIFIER_LENGTH = 3;

export interface ApplyOrderOffence {
  /** Address of the resource whose argument names another (`aws_cloudwatch_log_metric_filter.x`). */
  readonly resource: string;
  /** Path of the argument inside the resource (`log_group_name`, `rule[0].target_bucket`). */
  readonly argument: string;
  /** Address of the resource named. */
  readonly names: string;
}

/** The offender line the test prints. */
export const offenceLine = (o: ApplyOrderOffence) => `${o.resource}: ${o.argument} names ${o.names} without depending on it`;

type Resources = Map<string, Record<string, unknown>>;

/** Every managed resource of the stack by address (`type.name`). */
function resourcesOf(stackJson: any): Resources {
  const out: Resources = new Map();
  for (const [type, byName] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

const TOKEN = /\$\{([^}]*)\}/g;

/** Addresses referenced by `${...}` expressions anywhere in a value. */
function referencesIn(value: unknown, known: Resources, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(TOKEN)) {
      for (const ref of m[1].matchAll(/(?<![\w.])([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) {
        const address = `${ref[1]}.${ref[2]}`;
        if (known.has(address)) into.add(address);
      }
    }
  } else if (Array.isArray(value)) value.forEach((v) => referencesIn(v, known, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => referencesIn(v, known, into));
}

/** Direct dependencies of each resource: references in any argument plus depends_on. */
function directDependencies(resources: Resources): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>();
  for (const [address, body] of resources) {
    const into = new Set<string>();
    for (const [key, value] of Object.entries(body)) {
      if (key === '//' || key === 'provider') continue;
      // depends_on holds bare addresses (`aws_x.y`), every other argument `${aws_x.y.attr}` expressions.
      if (key === 'depends_on') (value as string[]).filter((d) => resources.has(d)).forEach((d) => into.add(d));
      else referencesIn(value, resources, into);
    }
    into.delete(address);
    deps.set(address, into);
  }
  return deps;
}

/** Everything each resource depends on, directly or transitively. */
function transitiveDependencies(direct: Map<string, Set<string>>): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const visit = (address: string, stack: Set<string>): Set<string> => {
    const known = memo.get(address);
    if (known) return known;
    const all = new Set<string>();
    stack.add(address);
    for (const d of direct.get(address) ?? []) {
      all.add(d);
      if (!stack.has(d)) for (const t of visit(d, stack)) all.add(t);
    }
    stack.delete(address);
    memo.set(address, all);
    return all;
  };
  for (const address of direct.keys()) visit(address, new Set());
  return memo;
}

const isLiteral = (v: unknown): v is string => typeof v === 'string' && !v.includes('${') && v.length >= MIN_IDENTIFIER_LENGTH;

/** Literal identifiers each resource owns (its own names). */
function identifiersOf(resources: Resources): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  const own = (id: string, address: string) => owners.set(id, (owners.get(id) ?? new Set()).add(address));
  for (const [address, body] of resources) {
    const name = body[ownNameKey(typeOf(address))];
    if (isLiteral(name)) own(name, address);
  }
  return owners;
}

/** Whether `text` contains `id` as a whole name (not as part of a longer name). */
function containsName(text: string, id: string): boolean {
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + id.length] ?? '';
    if (!(before && NAME_CHAR.test(before)) && !(after && NAME_CHAR.test(after))) return true;
  }
  return false;
}

const isPolicyDocument = (text: string) => {
  if (!/^\s*\{/.test(text)) return false;
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && 'Statement' in parsed;
  } catch {
    return false;
  }
};

/** Every checked string argument of a resource, with its path (exempt and meta arguments left out). */
function* checkedStrings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    if (!isPolicyDocument(value)) yield [path, value.replace(TOKEN, ' ')];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* checkedStrings(value[i], `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (EXEMPT_KEYS.has(key) || /policy$/.test(key)) continue;
      yield* checkedStrings(v, path ? `${path}.${key}` : key);
    }
  }
}

/** Every argument of the stack that names another of its resources without depending on it. */
export function applyOrderOffences(stackJson: any): ApplyOrderOffence[] {
  const resources = resourcesOf(stackJson);
  const reachable = transitiveDependencies(directDependencies(resources));
  const owners = identifiersOf(resources);
  const offences: ApplyOrderOffence[] = [];
  for (const [address, body] of resources) {
    // A resource's own name is not a reference (a key alias named after the trail does not need the trail).
    const ownName = ownNameKey(typeOf(address));
    const arguments_ = Object.fromEntries(Object.entries(body).filter(([k]) => !META_KEYS.has(k) && k !== ownName));
    for (const [argument, text] of checkedStrings(arguments_, '')) {
      for (const [id, ownedBy] of owners) {
        if (ownedBy.has(address) || !containsName(text, id)) continue;
        for (const owner of ownedBy) {
          if (!reachable.get(address)!.has(owner)) offences.push({ resource: address, argument, names: owner });
        }
      }
    }
  }
  return offences;
}

/** The offender lines, sorted (empty when the stack's apply order is sound). */
export function applyOrderReport(stackJson: any): string[] {
  return [...new Set(applyOrderOffences(stackJson).map(offenceLine))].sort();
}
