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
