/**
 * Turns zod issues into trailwatch problems: one line per problem naming the field path, the bad
 * value and what is allowed. zod's own wording is replaced where it would not tell a user the fix.
 */
import type { z } from 'zod';
import type { Problem } from '../modules/common/errors';
import { closestMatch } from '../modules/common/suggest';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export function pathString(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function showValue(input: unknown): string {
  if (input === undefined || (typeof input === 'object' && input !== null)) return '';
  const text = JSON.stringify(input);
  return `${text.length > 80 ? `${text.slice(0, 77)}...` : text} `;
}

/** Field names allowed at `path`, read from the JSON Schema generated from the same zod schema. */
function allowedKeysAt(schema: JsonSchema | undefined, path: readonly PropertyKey[]): string[] {
  let nodes: JsonSchema[] = schema ? [schema] : [];
  const expand = (n: JsonSchema): JsonSchema[] => [n, ...[...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])].flatMap(expand)];
  for (const key of path) {
    nodes = nodes.flatMap(expand).flatMap((n) => {
      if (typeof key === 'number') return n.items ? [n.items] : [];
      const prop = n.properties?.[String(key)];
      if (prop) return [prop];
      return typeof n.additionalProperties === 'object' ? [n.additionalProperties] : [];
    });
  }
  return [...new Set(nodes.flatMap(expand).flatMap((n) => Object.keys(n.properties ?? {})))].sort();
}

function unknownKey(key: string, allowed: string[]): string {
  const close = closestMatch(key, allowed);
  const hint = close ? `did you mean "${close}"? ` : '';
  const list = allowed.length ? `Allowed here: ${allowed.join(', ')}` : 'No fields are allowed here';
  return `is not a known field (a typo is never ignored): ${hint}${list}`;
}

const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too (small|big)|Invalid string|Invalid email|Invalid key|Invalid element|Unrecognized key|Invalid number)/;

function rewrite(issue: z.core.$ZodIssue): string {
  const custom = !ZOD_DEFAULT.test(issue.message);
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    const what = issue.code === 'invalid_type' ? `(${issue.expected})` : `(one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    return custom ? `is required; it ${issue.message}` : `is required ${what}`;
  }
  if (custom) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const cmp = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${cmp} ${bound} items`;
      if (issue.origin === 'string') return `must be ${cmp} ${bound} characters long`;
      return `must be ${cmp} ${bound}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'must be a valid email address (name@example.com)' : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_key':
      return `key ${issue.issues.map((i) => rewrite(i)).join('; ')}`;
    case 'invalid_element':
      return issue.issues.map((i) => rewrite(i)).join('; ');
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return issue.message;
  }
}

/** Flattens zod issues into problems. `jsonSchema` is used to list the allowed field names. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], jsonSchema?: object): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      // A value of the right shape for exactly one form (a mapping where a string or a mapping is
      // allowed) gets that form's own messages, not "does not match any of the allowed forms".
      const shaped = issue.errors.filter((branch) => !branch.every((i) => i.path.length === 0 && i.code === 'invalid_type'));
      if (shaped.length === 1) {
        out.push(...problemsFromZod(shaped[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] })), jsonSchema));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(jsonSchema as JsonSchema, issue.path);
      for (const key of issue.keys) out.push({ path: pathString([...issue.path, key]), message: unknownKey(key, allowed) });
      continue;
    }
    const value = issue.code === 'invalid_type' && issue.input !== undefined ? '' : showValue(issue.input);
    out.push({ path: pathString(issue.path), message: `${value}${rewrite(issue)}` });
  }
  return out;
}
