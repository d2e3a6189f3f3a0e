import type { FilterPattern, LogEvent } from './ast';

export function compileMatcher(pattern: FilterPattern): (event: LogEvent) => boolean {
  throw new Error(`pattern engine not implemented yet: ${pattern.text}`);
}

export function matches(pattern: FilterPattern, event: LogEvent): boolean {
  return compileMatcher(pattern)(event);
}
