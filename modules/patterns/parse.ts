/**
 * Entry point of the parser: picks the pattern kind from its first character (`{` JSON, `[` space-delimited,
 * anything else terms), checks the limits CloudWatch enforces on every kind, and returns the tree.
 */
import type { FilterPattern, PatternNode } from './ast';
import { PatternSyntaxError } from './errors';
import { parseJsonPattern } from './parse-json';
import { parseSpacePattern } from './parse-space';
import { parseTermPattern } from './parse-terms';
import { Cursor } from './cursor';

/** PutMetricFilter / PutSubscriptionFilter / FilterLogEvents: filterPattern is 0-1024 characters. */
export const MAX_PATTERN_LENGTH = 1024;
/** CloudWatch Logs quota: at most 2 regular expressions per filter pattern. */
export const MAX_REGEXES_PER_PATTERN = 2;

/** Parses a CloudWatch Logs filter pattern; throws PatternSyntaxError (with the position) when CloudWatch would reject it. */
export function parsePattern(text: string): FilterPattern {
  if (typeof text !== 'string') throw new TypeError('filter pattern must be a string');
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new PatternSyntaxError(
      text,
      MAX_PATTERN_LENGTH,
      `pattern is ${text.length} characters, over the CloudWatch Logs limit of ${MAX_PATTERN_LENGTH}; shorten it`,
    );
  }
  const cursor = new Cursor(text);
  cursor.skipSpace();
  let ast: PatternNode;
  if (cursor.done()) ast = { kind: 'all' };
  else if (cursor.peek() === '{') {
    // CloudWatch answers InvalidParameterException for ' {$.ThisFlag IS TRUE} ' (observed through
    // TestMetricFilter): a JSON pattern is the braces and nothing around them.
    if (cursor.pos > 0) cursor.fail('space before the { of a JSON pattern: CloudWatch Logs rejects it; remove the space', 0);
    ast = { kind: 'json', condition: parseJsonPattern(cursor) };
  }
  else if (cursor.peek() === '[') ast = { kind: 'space', fields: parseSpacePattern(cursor) };
  else {
    const terms = parseTermPattern(cursor);
    // `" "` matches every log event (the documentation's way to match everything): a quoted term of
    // spaces only is no condition, so a pattern of nothing else is the match-all pattern.
    ast = terms.length === 0 ? { kind: 'all' } : { kind: 'terms', terms };
  }
  if (cursor.regexPositions.length > MAX_REGEXES_PER_PATTERN) {
    throw new PatternSyntaxError(
      text,
      cursor.regexPositions[MAX_REGEXES_PER_PATTERN],
      `more than ${MAX_REGEXES_PER_PATTERN} regular expressions (%...%) in one pattern; CloudWatch Logs allows at most ${MAX_REGEXES_PER_PATTERN}`,
    );
  }
  return { text, kind: ast.kind, ast };
}

/** Parses a filter pattern without throwing: the pattern, or the syntax error. */
export function tryParsePattern(
  text: string,
): { pattern: FilterPattern; error?: undefined } | { pattern?: undefined; error: PatternSyntaxError } {
  try {
    return { pattern: parsePattern(text) };
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { error: e };
    throw e;
  }
}
