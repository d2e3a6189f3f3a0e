/**
 * Offline CloudWatch Logs filter pattern engine: parse, explain a syntax error, evaluate, translate to a
 * Logs Insights query. Dependency-free (no cdktf), so the CLI, the benchmark and synth share it.
 */
export type { LogEvent, FilterPattern } from './ast';
export { PatternSyntaxError } from './errors';
export { parsePattern, tryParsePattern } from './parse';
export { matches, compileMatcher } from './compile';
export { toInsightsQuery } from './insights';
