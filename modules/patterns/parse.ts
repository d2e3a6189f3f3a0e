import type { FilterPattern } from './ast';
import { PatternSyntaxError } from './errors';

export function parsePattern(text: string): FilterPattern {
  throw new PatternSyntaxError(text, 0, 'pattern engine not implemented yet');
}

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
