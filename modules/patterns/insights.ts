import type { FilterPattern } from './ast';

/** A CloudWatch Logs Insights query that lists exactly the events the pattern matches (fields, filter, sort, limit). */
export function toInsightsQuery(pattern: FilterPattern): string {
  throw new Error(`pattern engine not implemented yet: ${pattern.text}`);
}
