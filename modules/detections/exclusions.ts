/**
 * Appending exclusions to a JSON filter pattern without changing its meaning: the original is
 * wrapped in parentheses before `&&`, so `{ A || B }` plus exclusion X becomes `{ (A || B) && (X) }`,
 * never `{ A || B && X }` (which CloudWatch reads as `A || (B && X)`, leaving A unfiltered).
 */

/** The condition inside a JSON pattern's outer braces, or undefined when it is not `{ ... }`. */
export function jsonPatternBody(pattern: string): string | undefined {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  return trimmed.slice(1, -1).trim();
}

/**
 * Whether parentheses and double quotes in an exclusion are balanced, so that wrapping it in
 * `( )` keeps it one operand. (Syntax proper is checked by the pattern engine on the result.)
 */
export function isSelfContained(condition: string): boolean {
  let depth = 0;
  let inQuotes = false;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (inQuotes) {
      if (c === '\\') i++;
      else if (c === '"') inQuotes = false;
    } else if (c === '"') inQuotes = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
    else if (c === '{' || c === '}') return false;
  }
  return depth === 0 && !inQuotes;
}

/** `{ (<original>) && (<x1>) && (<x2>) }`; the pattern unchanged when there are no exclusions. */
export function withExclusions(pattern: string, exclusions: readonly string[]): string {
  if (exclusions.length === 0) return pattern;
  const body = jsonPatternBody(pattern);
  if (body === undefined) throw new Error(`exclusions can only be added to a JSON pattern ({ ... }), not to: ${pattern}`);
  return `{ (${body}) && ${exclusions.map((x) => `(${x.trim()})`).join(' && ')} }`;
}

const ARN = '$.userIdentity.arn';

/**
 * Leaves out calls made through the named IAM roles, in any account of the organization: their
 * sessions' ARNs are `arn:aws:sts::<account>:assumed-role/<role>/<session>`. (The ARN is shorter to
 * match than sessionContext.sessionIssuer.userName, which keeps the Logs Insights query in the alarm
 * description within CloudWatch's 1024 characters.) A call without an ARN (an AWS service event)
 * would never match `!=` (a missing field never does), so it is kept explicitly with NOT EXISTS.
 */
export function automationExclusion(roleNames: readonly string[]): string {
  const notRoles = roleNames.map((r) => `(${ARN} != "*:assumed-role/${r}/*")`).join(' && ');
  return `(${ARN} NOT EXISTS) || (${notRoles})`;
}

/**
 * One field test of a structured exclusion: the events to leave out are those whose field `equals`
 * the value, is `like` it (`*` = any characters), or is one of the values `in` the list. Exactly one
 * of the three is set (the config schema checks it).
 */
export interface ExclusionFieldTest {
  /** CloudTrail field, e.g. `userIdentity.sessionContext.sessionIssuer.userName` (a leading `$.` is allowed). */
  readonly field: string;
  /** Text; a number (an unquoted account id in YAML) is taken as its text. */
  readonly equals?: string | number;
  readonly like?: string;
  readonly in?: readonly (string | number)[];
}

/**
 * An exclusion as written in `detections.exclusions.<id>`: a free-form condition the event must
 * also meet (for experts; checked for the missing-field trap), or an object that says what to leave
 * out as data, with the reason shown in the catalogue doc and the replay report: one field test
 * (`field` with `equals`, `like` or `in`), several under `allOf` that must all hold, or a free-form
 * `condition` with its reason. The config schema checks that exactly one form is used.
 */
export type Exclusion = string | ExclusionObject;

export interface ExclusionObject extends Partial<ExclusionFieldTest> {
  readonly reason: string;
  readonly allOf?: readonly ExclusionFieldTest[];
  readonly condition?: string;
}

/** `$.a.b` for `a.b` or `$.a.b`. */
export function selectorOf(field: string): string {
  const f = field.trim();
  return f.startsWith('$.') ? f : `$.${f}`;
}

/** A double-quoted pattern value; with `wildcards` false, `*` is escaped so it matches only itself. */
export function quoted(text: string, wildcards: boolean): string {
  const escaped = text.replace(wildcards ? /[\\"]/g : /[\\"*]/g, (c) => `\\${c}`);
  return `"${escaped}"`;
}

/**
 * The condition that keeps every event the test does not single out, including every event without
 * the field: `($.f NOT EXISTS) || ($.f != "v")`; for a list, `($.f NOT EXISTS) || (($.f != "a") && ($.f != "b"))`.
 * JSON filter patterns ("Using filter patterns to match terms in JSON log events", CloudWatch Logs user
 * guide) compare with =, !=, <, >, <=, >=, IS and NOT EXISTS, with `*` as wildcard in values; they have
 * no IN operator, so a list is one `!=` per value. `!=` is false for a missing field (what the issue-14
 * records showed, and what modules/patterns reproduces), hence the NOT EXISTS beside it.
 */
function keepUnless(test: ExclusionFieldTest): string[] {
  const s = selectorOf(test.field);
  const values =
    test.in !== undefined
      ? test.in.map((v) => quoted(String(v), false))
      : test.like !== undefined
        ? [quoted(test.like, true)]
        : [quoted(String(test.equals ?? ''), false)];
  const differs = values.map((v) => `(${s} != ${v})`);
  return [`(${s} NOT EXISTS)`, differs.length === 1 ? differs[0] : `(${differs.join(' && ')})`];
}

/**
 * The condition appended to the detection's pattern for one exclusion. Leaving out events where
 * A and B both hold keeps those where NOT(A and B) = (A missing or false) or (B missing or false),
 * so the parts of every test are joined with `||`.
 */
export function exclusionCondition(x: Exclusion): string {
  if (typeof x === 'string') return x.trim();
  if (x.condition !== undefined) return x.condition.trim();
  const tests: readonly ExclusionFieldTest[] = x.allOf ?? [{ field: x.field ?? '', equals: x.equals, like: x.like, in: x.in }];
  return tests.flatMap(keepUnless).join(' || ');
}

/** How an exclusion is named in the catalogue doc and the replay report: its reason, else its condition. */
export function exclusionLabel(x: Exclusion): string {
  return typeof x === 'string' ? x : x.reason;
}

/** Whether the exclusion is structured data (safe by construction) rather than a free-form condition. */
export function isStructured(x: Exclusion): boolean {
  return typeof x !== 'string' && x.condition === undefined;
}
