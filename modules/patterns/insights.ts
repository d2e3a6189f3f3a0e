/**
 * Translation of a filter pattern to a CloudWatch Logs Insights query that lists the events the pattern
 * counts, for the "where to look" line of an alarm description. It has to fit in a 1024-character alarm
 * description with other text, so it is as short as the semantics allow:
 * - `=` on plain text is `f = "x"`; with wildcards it is a `like /regex/` anchored only where needed
 *   (`A*` is `/^A/`, `*B*` is `/B/`, `*` is `ispresent(f)`);
 * - `!=` is false in a metric filter when the field is missing, so it becomes `ispresent(f) and f != "x"`,
 *   except beside a `not ispresent(f)` in the same `or` (the safe exclusion form
 *   `($.f NOT EXISTS) || ($.f != "x")`), where the field is known to be present and `f != "x"` says it;
 * - `NOT EXISTS` is `not ispresent(f)`, `IS NULL` is `isempty(f)`, `IS TRUE`/`IS FALSE` are `f = 1`/`f = 0`
 *   (Insights turns JSON booleans into 1 and 0);
 * - an OR of exact-text tests on one field is `f in ["a", "b"]`;
 * - `&&`/`||` become `and`/`or`, parenthesised wherever one nests in the other (never relying on
 *   Insights' precedence);
 * - term patterns test `@message` with `like`; space-delimited patterns `parse` the message with a regex
 *   and filter on the named fields.
 */
import type { CompareOperator, FieldCondition, FilterPattern, JsonCondition, PatternValue, SelectorPath, SpaceField, Term } from './ast';

/** The fields CloudTrail readers need first: when, what, where, who, from where, and whether it failed. */
export const INSIGHTS_FIELDS = 'fields @timestamp, eventSource, eventName, recipientAccountId, userIdentity.arn, sourceIPAddress, errorCode';
const TAIL = 'sort @timestamp desc | limit 100';

type Level = 'atom' | 'and' | 'or';
interface Expr {
  readonly text: string;
  readonly level: Level;
}

/** A CloudWatch Logs Insights query that lists the events the parsed pattern matches. */
export function toInsightsQuery(pattern: FilterPattern): string {
  const filter = insightsFilter(pattern);
  return filter === undefined ? `${INSIGHTS_FIELDS} | ${TAIL}` : `${INSIGHTS_FIELDS} | ${filter} | ${TAIL}`;
}

/** The `filter ...` (or `parse ... | filter ...`) part of the query; undefined when the pattern matches everything. */
export function insightsFilter(pattern: FilterPattern): string | undefined {
  const ast = pattern.ast;
  switch (ast.kind) {
    case 'all':
      return undefined;
    case 'json':
      return `filter ${jsonExpr(ast.condition).text}`;
    case 'terms':
      return `filter ${termsExpr(ast.terms).text}`;
    case 'space':
      return spaceFilter(ast.fields);
  }
}

/**
 * `present`: fields known to exist here, because a `not ispresent(f)` sits beside this condition in an
 * enclosing `or` (if f were missing, that operand would already make the `or` true).
 */
function jsonExpr(c: JsonCondition, present: ReadonlySet<string> = new Set()): Expr {
  switch (c.type) {
    case 'and':
      return join('and', [jsonExpr(c.left, present), jsonExpr(c.right, present)]);
    case 'or':
      return join('or', orOperands(c, present));
    case 'is': {
      const f = fieldName(c.path);
      if (c.value === null) return atom(`isempty(${f})`);
      return atom(`${f} = ${c.value ? 1 : 0}`);
    }
    case 'notExists':
      return atom(`not ispresent(${fieldName(c.path)})`);
    case 'compare':
      return compare(fieldName(c.path), c.operator, c.value, present);
  }
}

/**
 * An OR chain, with the exact-text tests on one field folded into `f in ["a", "b"]` (the CIS-style lists
 * of event names would otherwise repeat ` or eventName = ` for every name). Each list takes the place
 * of its first member; OR has no side effects, so the order does not matter.
 */
function orOperands(c: JsonCondition, present: ReadonlySet<string>): Expr[] {
  const operands: JsonCondition[] = [];
  const collect = (x: JsonCondition): void => {
    if (x.type === 'or') {
      collect(x.left);
      collect(x.right);
    } else operands.push(x);
  };
  collect(c);
  const guarded = new Set(present);
  for (const op of operands) if (op.type === 'notExists') guarded.add(fieldName(op.path));
  const lists = new Map<string, string[]>();
  const slots: (JsonCondition | string)[] = [];
  for (const op of operands) {
    if (op.type === 'compare' && op.operator === '=' && op.value.type === 'string' && op.value.segments === null) {
      const f = fieldName(op.path);
      if (!lists.has(f)) {
        lists.set(f, []);
        slots.push(f);
      }
      lists.get(f)!.push(op.value.text);
    } else {
      slots.push(op);
    }
  }
  return slots.map((slot) => {
    if (typeof slot !== 'string') return jsonExpr(slot, slot.type === 'notExists' ? present : guarded);
    const values = [...new Set(lists.get(slot)!)];
    return atom(values.length === 1 ? `${slot} = ${quote(values[0])}` : `${slot} in [${values.map(quote).join(',')}]`);
  });
}

/** One comparison with metric-filter semantics (a missing field never satisfies it). */
function compare(f: string, operator: CompareOperator, value: PatternValue, present: ReadonlySet<string> = new Set()): Expr {
  const negated = operator === '!=';
  const known = present.has(f);
  if (value.type === 'number') {
    const text = `${f} ${operator} ${numberText(value.value)}`;
    return negated && !known ? join('and', [atom(`ispresent(${f})`), atom(text)]) : atom(text);
  }
  let positive: string;
  let negative: string;
  if (value.type === 'regex') {
    positive = `${f} like /${value.source.replace(/\//g, '\\/')}/`;
    negative = `${f} not like /${value.source.replace(/\//g, '\\/')}/`;
  } else if (value.segments === null) {
    positive = `${f} = ${quote(value.text)}`;
    negative = `${f} != ${quote(value.text)}`;
  } else {
    const re = wildcardRegex(value.segments);
    // `= *` is "exists as a string or number"; `!= *` can never be true (any existing value matches `*`).
    if (re === undefined) return negated ? join('and', [atom(`ispresent(${f})`), atom(`not ispresent(${f})`)]) : atom(`ispresent(${f})`);
    positive = `${f} like ${re}`;
    negative = `${f} not like ${re}`;
  }
  return negated ? (known ? atom(negative) : join('and', [atom(`ispresent(${f})`), atom(negative)])) : atom(positive);
}

/** `/^A.*B$/` for the segments of a wildcard value, anchored only where the value has no `*`; undefined for `*` alone. */
export function wildcardRegex(segments: readonly string[]): string | undefined {
  const first = segments[0];
  const last = segments[segments.length - 1];
  const inner = segments.filter((s) => s !== '').map(escapeRegex);
  if (inner.length === 0) return undefined;
  return `/${first ? '^' : ''}${inner.join('.*')}${last ? '$' : ''}/`;
}

function termsExpr(terms: readonly Term[]): Expr {
  const like = (t: Term, not: boolean) =>
    atom(`@message ${not ? 'not like' : 'like'} ${t.regex ? `/${t.text.replace(/\//g, '\\/')}/` : quote(t.text)}`);
  const parts: Expr[] = [];
  for (const t of terms) if (t.mode === 'required') parts.push(like(t, false));
  const optional = terms.filter((t) => t.mode === 'optional').map((t) => like(t, false));
  if (optional.length) parts.push(join('or', optional));
  for (const t of terms) if (t.mode === 'excluded') parts.push(like(t, true));
  return join('and', parts);
}

/**
 * Space-delimited: a regex `parse` that names each column (quoted and bracketed fields are one column,
 * `...` any run of fields), then a filter on the named columns.
 */
function spaceFilter(columns: readonly SpaceField[]): string {
  const field = (name: string) => (name ? `(?<${name.replace(/-/g, '_')}>[^ "[]\\S*|"[^"]*"|\\[[^\\]]*\\])` : '(?:[^ "[]\\S*|"[^"]*"|\\[[^\\]]*\\])');
  const parts = columns.map((c) => (c.type === 'ellipsis' ? '.*' : field(c.name)));
  const parse = `parse @message /^${parts.join(' ')}$/`;
  const conditions = columns.flatMap((c) => (c.type === 'field' && c.condition ? [fieldExpr(c.condition)] : []));
  return conditions.length ? `${parse} | filter ${join('and', conditions).text}` : `${parse} | filter ispresent(${firstName(columns)})`;
}

function firstName(columns: readonly SpaceField[]): string {
  const named = columns.find((c) => c.type === 'field' && c.name);
  return named && named.type === 'field' ? named.name.replace(/-/g, '_') : '@message';
}

function fieldExpr(c: FieldCondition): Expr {
  if (c.type !== 'compare') return join(c.type, [fieldExpr(c.left), fieldExpr(c.right)]);
  return compare(c.field.replace(/-/g, '_'), c.operator, c.value);
}

function join(level: 'and' | 'or', parts: Expr[]): Expr {
  if (parts.length === 1) return parts[0];
  const other: Level = level === 'and' ? 'or' : 'and';
  const flat = parts.map((p) => (p.level === other ? `(${p.text})` : p.text));
  return { text: flat.join(` ${level} `), level };
}

function atom(text: string): Expr {
  return { text, level: 'atom' };
}

/** Insights field names: dotted paths, array elements as `.0`; backticks when a name has other characters. */
export function fieldName(path: SelectorPath): string {
  const name = path.map(String).join('.');
  return path.every((p) => typeof p === 'number' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) ? name : `\`${name}\``;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function numberText(n: number): string {
  return String(n);
}
