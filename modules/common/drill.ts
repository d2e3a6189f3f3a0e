/**
 * How a fire drill's synthetic CloudTrail records are marked (`trailwatch drill` writes them; the
 * per-event notification function, replay and backtest recognise them).
 *
 * A drill writes its records with PutLogEvents into the trail's log group, in its own log stream
 * `trailwatch-drill/<run id>`, each record's `userAgent` set to `trailwatch-drill/<run id>`.
 * The user agent alone proves nothing: any principal in any member account sets its own user agent,
 * so an attacker could make a real failed MFA check look like a drill. CloudTrail delivers to streams
 * it names itself (`<account>_CloudTrail_<region>`), and only the drill role may write to streams named
 * `trailwatch-drill/*`; a record is a drill's only when its log stream AND its user agent carry the same
 * run id. Where the log stream is unknown (files from the trail's S3 bucket, which drill records never
 * reach), nothing is a drill.
 */

/** Prefix of the drill's log stream name and of its records' user agent. */
export const DRILL_PREFIX = 'trailwatch-drill/';

/** Run ids are short, printable and safe in a log stream name, a subject and a queue name. */
const RUN_ID = /^[A-Za-z0-9-]{1,40}$/;

/** Whether `runId` can name a drill (log stream, user agent, queue). */
export function isDrillRunId(runId: string): boolean {
  return RUN_ID.test(runId);
}

/** The log stream a drill run writes to. */
export function drillLogStream(runId: string): string {
  if (!isDrillRunId(runId)) throw new Error(`drill run id ${JSON.stringify(runId)} must match ${RUN_ID}`);
  return `${DRILL_PREFIX}${runId}`;
}

/** The user agent a drill run's records carry (the same text as its log stream). */
export const drillUserAgent = drillLogStream;

/**
 * The drill run id of a record delivered from `logStream` with `userAgent`, or undefined when it is not
 * a drill's record (either mark missing, or the two naming different runs).
 */
export function drillRunId(logStream: unknown, userAgent: unknown): string | undefined {
  if (typeof logStream !== 'string' || typeof userAgent !== 'string') return undefined;
  if (!logStream.startsWith(DRILL_PREFIX) || logStream !== userAgent) return undefined;
  const runId = logStream.slice(DRILL_PREFIX.length);
  return isDrillRunId(runId) ? runId : undefined;
}
