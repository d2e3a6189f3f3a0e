/**
 * Evaluation: compiles a parsed pattern once into closures, so that matching an event does no parsing,
 * no regex creation and no allocation beyond reading the fields it needs. Replay runs every enabled
 * detection on every record; this is the hot path.
 */
import type { FilterPattern, JsonCondition, LogEvent, PatternNode } from './ast';
import { compileSpace } from './compile-space';
import { compileTerms } from './compile-terms';
import { compileValueTest, exactStringValue, type ValueTest } from './values';
import { compilePath } from './path';

export type Matcher = (event: LogEvent) => boolean;
type RootTest = (root: Record<string, unknown>) => boolean;

const cache = new WeakMap<FilterPattern, Matcher>();

/** The parsed pattern as a reusable predicate over events (cached per pattern): faster than `matches` for many events. */
export function compileMatcher(pattern: FilterPattern): Matcher {
  let m = cache.get(pattern);
  if (!m) {
    m = compileNode(pattern.ast);
    cache.set(pattern, m);
  }
  return m;
}

/** True when the event (a JSON object or a log line) matches the parsed pattern, as CloudWatch Logs would decide. */
export function matches(pattern: FilterPattern, event: LogEvent): boolean {
  return compileMatcher(pattern)(event);
}

function compileNode(ast: PatternNode): Matcher {
  switch (ast.kind) {
    case 'all':
      return () => true;
    case 'terms':
      return compileTerms(ast.terms);
    case 'space':
      return compileSpace(ast.fields);
    case 'json': {
      const test = compileCondition(ast.condition);
      return (event) => {
        const root = typeof event === 'string' ? parseJsonObject(event) : isRecord(event) ? event : undefined;
        return root !== undefined && test(root);
      };
    }
  }
}

/**
 * A JSON pattern only applies to a log event that is a JSON object. Text that is not JSON (or is a JSON
 * array or scalar) does not match, as in CloudWatch.
 */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compileCondition(c: JsonCondition): RootTest {
  switch (c.type) {
    case 'or':
      return anyOf(compileOrOperands(flatten(c, 'or')));
    case 'and':
      return allOf(flatten(c, 'and').map(compileCondition));
    case 'is': {
      const get = compilePath(c.path);
      const want = c.value;
      return (r) => get(r) === want;
    }
    case 'notExists': {
      const get = compilePath(c.path);
      return (r) => get(r) === undefined;
    }
    case 'compare': {
      const get = compilePath(c.path);
      const test: ValueTest = compileValueTest(c.operator, c.value);
      return (r) => test(get(r));
    }
  }
}

/** The operands of a chain of the same operator: `a || (b || c)` is [a, b, c]. */
function flatten(c: JsonCondition, type: 'and' | 'or'): JsonCondition[] {
  return c.type === type ? [...flatten(c.left, type), ...flatten(c.right, type)] : [c];
}

/**
 * The CIS-style patterns are long ORs of `$.eventName = X` tests. Evaluating the exact-string tests on
 * one selector as a single Set lookup (resolving the path once) keeps a 30-name list as cheap as one
 * test. OR has no side effects, so regrouping its operands does not change the result; each group takes
 * the place of its first member.
 */
function compileOrOperands(operands: JsonCondition[]): RootTest[] {
  const groups = new Map<string, { path: readonly (string | number)[]; values: Set<string>; members: JsonCondition[] }>();
  const slots: (JsonCondition | string)[] = [];
  for (const op of operands) {
    const exact = op.type === 'compare' && op.operator === '=' ? exactStringValue(op.value) : undefined;
    if (op.type !== 'compare' || exact === undefined) {
      slots.push(op);
      continue;
    }
    const key = JSON.stringify(op.path);
    let group = groups.get(key);
    if (!group) {
      group = { path: op.path, values: new Set(), members: [] };
      groups.set(key, group);
      slots.push(key);
    }
    group.values.add(exact);
    group.members.push(op);
  }
  return slots.map((slot) => {
    if (typeof slot !== 'string') return compileCondition(slot);
    const group = groups.get(slot)!;
    if (group.members.length === 1) return compileCondition(group.members[0]);
    const get = compilePath(group.path);
    const values = group.values;
    return (r: Record<string, unknown>) => {
      const v = get(r);
      return typeof v === 'string' ? values.has(v) : typeof v === 'number' ? values.has(String(v)) : false;
    };
  });
}

function anyOf(parts: RootTest[]): RootTest {
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (r) => a(r) || b(r);
  }
  return (r) => {
    for (let i = 0; i < parts.length; i++) if (parts[i](r)) return true;
    return false;
  };
}

function allOf(parts: RootTest[]): RootTest {
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (r) => a(r) && b(r);
  }
  return (r) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i](r)) return false;
    return true;
  };
}
