/**
 * "Where to look": every trailwatch alarm's description tells the person paged which organization it
 * came from and opens the evidence in one click: the environment, the management account, the log
 * group, a CloudWatch Logs Insights query that lists the events behind the alarm, and a console link
 * that runs that query. CloudWatch caps alarm descriptions at 1024 characters, so the summary is
 * shortened first, then the link, never the query or the context lines.
 */

import { BoundedCache } from './bounded-cache';

/** CloudWatch's limit on `alarm_description` (PutMetricAlarm AlarmDescription). */
export const ALARM_DESCRIPTION_LIMIT = 1024;

/** Where an alarm's events live: the same for every alarm of one environment. */
export interface AlarmContext {
  /** Environment name from config, e.g. `acme-prod`. */
  readonly environment: string;
  /** Management account that owns the trail, the log group and the alarms. */
  readonly managementAccountId: string;
  /** Home region of the log group and the alarms. */
  readonly region: string;
  /** The organization trail's CloudWatch Logs log group. */
  readonly logGroupName: string;
}

/** What an alarm description is built from: the advice for the person paged, the query to run, and where to run it. */
export interface AlarmDescriptionInput {
  /** What happened and what to do, for the person paged (shortened first when over the limit). */
  readonly summary: string;
  readonly context: AlarmContext;
  /** A CloudWatch Logs Insights query over `context.logGroupName` that lists the events behind the alarm. */
  readonly insightsQuery?: string;
  /** How far back the console link's query looks. @default 3600 (one hour) */
  readonly lookbackSeconds?: number;
  /**
   * Throw instead of dropping the console link when it does not fit, so a caller can try a shorter
   * query or summary first. @default false
   */
  readonly requireLink?: boolean;
}

/**
 * JSURL encoding of a string, as the CloudWatch console uses inside its `#logsV2:` fragments:
 * every character outside `[A-Za-z0-9_.-]` becomes `*XX` (or `**XXXX` above 0xFF), `$` becomes `!`.
 */
function jsurlString(s: string): string {
  return `'${s.replace(/[^\w.-]/g, (ch) => {
    if (ch === '$') return '!';
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `*${code.toString(16).padStart(2, '0')}` : `**${code.toString(16).padStart(4, '0')}`;
  })}`;
}

/** Console link that opens Logs Insights on the log group with the query filled in and run. */
export function insightsConsoleUrl(region: string, logGroupName: string, query: string, lookbackSeconds = 3600): string {
  const detail =
    `~(end~0~start~-${lookbackSeconds}~timeType~'RELATIVE~unit~'seconds` +
    `~editorString~${encodedQuery(query)}~source~(~${jsurlString(logGroupName)}))`;
  // The console fragment is URI-encoded with `%` written as `$`.
  const fragment = `logs-insights?queryDetail=${detail}`.replace(/[?=]/g, (c) => encodeURIComponent(c)).replace(/%/g, '$');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:${fragment}`;
}

/** A query's JSURL form, encoded once: the same queries recur in every alarm of every environment. */
function encodedQuery(query: string): string {
  return encodedQueries.get(query, () => jsurlString(query));
}

// Pure: the per-event handler bundles this file for insightsConsoleUrlBetween and drops what it does not use.
const encodedQueries = /* @__PURE__ */ new BoundedCache<string>();

/**
 * Builds the alarm description. Throws when even the shortest form (one-line summary, context and
 * query, no link) exceeds the limit: a caller's query is then too long and must be shortened.
 */
export function alarmDescription(input: AlarmDescriptionInput): string {
  const { context, insightsQuery } = input;
  const contextLines = [
    `Environment: ${context.environment} (management account ${context.managementAccountId}, ${context.region})`,
    `Log group: ${context.logGroupName}`,
  ];
  const queryLines = insightsQuery ? [`Logs Insights query: ${insightsQuery}`] : [];
  const link = insightsQuery
    ? [`Open: ${insightsConsoleUrl(context.region, context.logGroupName, insightsQuery, input.lookbackSeconds)}`]
    : [];
  const fixed = [...contextLines, ...queryLines];
  const fits = (parts: string[]) => parts.join('\n').length <= ALARM_DESCRIPTION_LIMIT;
  const summary = input.summary.trim();

  for (const withLink of input.requireLink && link.length > 0 ? [true] : [true, false]) {
    const tail = withLink ? [...fixed, ...link] : fixed;
    if (fits([summary, ...tail])) return [summary, ...tail].join('\n');
    const room = ALARM_DESCRIPTION_LIMIT - tail.join('\n').length - 1;
    // Keep at least the first sentence-worth of the summary before giving up the link.
    if (room >= Math.min(summary.length, 160)) return [`${summary.slice(0, room - 3).trimEnd()}...`, ...tail].join('\n');
  }
  throw new Error(
    `alarm description for ${context.environment} is over ${ALARM_DESCRIPTION_LIMIT} characters ${input.requireLink ? 'with' : 'even without'} the console link: shorten the Logs Insights query`,
  );
}

/**
 * Console link that opens Logs Insights on the log group with the query filled in, over a fixed time
 * range (ISO 8601 instants), e.g. one principal's activity around one event.
 */
export function insightsConsoleUrlBetween(region: string, logGroupName: string, query: string, start: string, end: string): string {
  const detail =
    `~(end~${jsurlString(end)}~start~${jsurlString(start)}~timeType~'ABSOLUTE~tz~'UTC` +
    `~editorString~${jsurlString(query)}~source~(~${jsurlString(logGroupName)}))`;
  const fragment = `logs-insights?queryDetail=${detail}`.replace(/[?=]/g, (c) => encodeURIComponent(c)).replace(/%/g, '$');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:${fragment}`;
}
