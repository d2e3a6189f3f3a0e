/**
 * Which CloudTrail fields can be missing, and the filter-pattern conditions that silently drop the
 * events that lack them. In CloudWatch filter patterns `!=`, `<`, `>`, `<=` and `>=` are false when
 * the field is missing, so `$.userIdentity.sessionContext.sessionIssuer.userName != "Scanner"` drops
 * every call by an IAM user or root (they have no sessionContext), not only the scanner's. A negation
 * is safe only on a field CloudTrail always writes, or next to `NOT EXISTS` on the same field:
 * `($.f NOT EXISTS) || ($.f != "v")`.
 */
import type { JsonCondition } from '../patterns/ast';
import { tryParsePattern } from '../patterns';

/**
 * The fields every CloudTrail management or data event record has: the ones the CloudTrail user
 * guide page "CloudTrail record contents for management, data, and network activity events"
 * (docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
 * marks `Optional: False` and that are never null, plus `userIdentity.type` ("CloudTrail userIdentity
 * element", every userIdentity has a type). Everything else may be missing: `errorCode`,
 * `userIdentity.arn` (AWS service events), `userIdentity.sessionContext` (IAM users, root),
 * `additionalEventData`, `requestParameters` (null for many calls) and so on.
 */
export const ALWAYS_PRESENT_FIELDS: readonly string[] = [
  'eventVersion',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'eventID',
  'eventType',
  'eventCategory',
  'recipientAccountId',
  'userIdentity.type',
];

/**
 * Record fields whose value is an object, an array or a boolean (same page, and "CloudTrail userIdentity
 * element"). `!=` never matches such a value, so `($.f NOT EXISTS) || ($.f != "v")` would leave out
 * every event that has the field: a structured exclusion must test one of its text fields instead.
 */
export const NON_TEXT_FIELDS: readonly string[] = [
  'userIdentity',
  'userIdentity.sessionContext',
  'userIdentity.sessionContext.attributes',
  'userIdentity.sessionContext.sessionIssuer',
  'userIdentity.sessionContext.webIdFederationData',
  'userIdentity.onBehalfOf',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'serviceEventDetails',
  'resources',
  'tlsDetails',
  'edgeDeviceDetails',
  'eventContext',
  'addendum',
  'readOnly',
  'managementEvent',
];

/** A comparison that is false, and so drops the event, when its field is missing. */
export interface MissingFieldTrap {
  /** The selector without `$.`, e.g. `userIdentity.arn`. */
  readonly field: string;
  readonly operator: string;
  /** The condition as written, e.g. `$.userIdentity.arn != "x"`. */
  readonly text: string;
}

function pathKey(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

const ALWAYS = new Set(ALWAYS_PRESENT_FIELDS.map((f) => `.${f}`));

function flatten(c: JsonCondition, type: 'and' | 'or'): JsonCondition[] {
  return c.type === type ? [...flatten(c.left, type), ...flatten(c.right, type)] : [c];
}

/**
 * Every `!=` or numeric comparison on a field CloudTrail may omit that is not guarded by a
 * `NOT EXISTS` test of the same field in an enclosing `||`. Walks the JSON condition tree; a guard
 * in `(A NOT EXISTS) || (B...)` covers the whole of B.
 */
export function missingFieldTraps(pattern: string): MissingFieldTrap[] {
  const parsed = tryParsePattern(pattern);
  if (parsed.error || parsed.pattern.ast.kind !== 'json') return [];
  const traps: MissingFieldTrap[] = [];
  const walk = (c: JsonCondition, guarded: ReadonlySet<string>): void => {
    if (c.type === 'or') {
      const operands = flatten(c, 'or');
      const inner = new Set(guarded);
      for (const o of operands) if (o.type === 'notExists') inner.add(pathKey(o.path));
      for (const o of operands) walk(o, inner);
    } else if (c.type === 'and') {
      for (const o of flatten(c, 'and')) walk(o, guarded);
    } else if (c.type === 'compare' && c.operator !== '=') {
      const key = pathKey(c.path);
      if (!ALWAYS.has(key) && !guarded.has(key)) traps.push({ field: c.selectorText, operator: c.operator, text: conditionText(pattern, c.position) });
    }
  };
  walk(parsed.pattern.ast.condition, new Set());
  return traps;
}

/** The text of one condition starting at `position`, up to the next `)`, `}`, `&&` or `||` outside quotes. */
function conditionText(pattern: string, position: number): string {
  let inQuotes = false;
  for (let i = position; i < pattern.length; i++) {
    const ch = pattern[i];
    if (inQuotes) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuotes = false;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ')' || ch === '}' || pattern.startsWith('&&', i) || pattern.startsWith('||', i)) return pattern.slice(position, i).trim();
  }
  return pattern.slice(position).trim();
}

/** What to write instead of a trap, for the config error message. */
export function trapFix(trap: MissingFieldTrap, reason = 'why these events are noise'): string {
  const value = trap.text.slice(trap.text.indexOf(trap.operator) + trap.operator.length).trim();
  if (trap.operator === '!=') {
    const unquoted = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    const like = /(?<!\\)\*/.test(unquoted);
    const plain = like ? unquoted.replace(/\\([\\"])/g, '$1') : unquoted.replace(/\\([\\"*])/g, '$1');
    return `{ field: ${trap.field}, ${like ? 'like' : 'equals'}: ${JSON.stringify(plain)}, reason: "${reason}" }, which keeps events without the field`;
  }
  return `'($.${trap.field} NOT EXISTS) || (${trap.text})' to keep events without the field, or test a field CloudTrail always writes (${ALWAYS_PRESENT_FIELDS.join(', ')})`;
}
