/**
 * cdktf records a stack trace of unlimited depth for every token it creates (a reference, a
 * `dependsOn` entry, a lazy value: about 300 per environment) and formats it into strings at once
 * (cdktf/lib/tokens/private/stack-trace.js). The trace is read only when a token fails to resolve, to
 * say where the token was made. cdktf copied that code from aws-cdk, which stopped recording token
 * traces by default for this cost and records them only in debug mode (aws/aws-cdk#12180,
 * `CDK_DEBUG=true`); cdktf was archived without that change. A trailwatch synth does the same: no
 * token creation traces unless `TRAILWATCH_DEBUG=1`.
 *
 * How: cdktf captures each trace into a plain object, never an Error, so during the synth
 * `Error.prepareStackTrace` formats those as empty (cdktf then keeps an empty trace) and every real
 * Error as Node.js does. Source maps are off for the same reason (each trace would be source-mapped).
 * Both settings are restored when the synth returns or throws, before the error is reported.
 */

/** The environment variable that keeps cdktf's token creation traces (any value but empty or "0"). */
export const DEBUG_VARIABLE = 'TRAILWATCH_DEBUG';

/** True when `TRAILWATCH_DEBUG` asks for token creation traces. */
export function tokenTracesWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[DEBUG_VARIABLE];
  return value !== undefined && value !== '' && value !== '0';
}

/** Node.js's own format: the error's `toString()`, then one "    at <frame>" line per frame. */
function formatLikeNode(error: Error, frames: NodeJS.CallSite[]): string {
  return [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
}

/**
 * Runs `synthesize` (building and synthesizing a cdktf app) without cdktf's token creation traces and
 * without source-mapped traces, unless `TRAILWATCH_DEBUG` is set; restores both afterwards.
 */
export function withoutTokenCreationTraces<T>(synthesize: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const sourceMaps = process.sourceMapsEnabled;
  const previous = Error.prepareStackTrace;
  process.setSourceMapsEnabled(false);
  if (!tokenTracesWanted(env)) {
    Error.prepareStackTrace = (error, frames) => {
      if (!(error instanceof Error)) return '';
      return previous ? previous(error, frames) : formatLikeNode(error, frames);
    };
  }
  try {
    return synthesize();
  } finally {
    Error.prepareStackTrace = previous;
    process.setSourceMapsEnabled(sourceMaps);
  }
}
