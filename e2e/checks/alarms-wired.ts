/**
 * Every alarm and metric filter of the state exists in the emulator, and every alarm notifies topics
 * that exist: an alarm whose action names a missing topic pages nobody. Each metric filter sits on
 * the trail's log group and feeds a metric some alarm watches (directly or in a metric math query).
 * moto stores filters and alarms but never evaluates them: whether they fire is the replay's job.
 */
import { AwsError, xmlValues } from '../aws';
import type { CheckContext, CheckOutcome } from '../check-context';

const CLOUDWATCH_VERSION = '2010-08-01';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const problems: string[] = [];
  const cloudwatch = ctx.client();
  const alarms = ctx.resources.filter((r) => r.type === 'aws_cloudwatch_metric_alarm');
  const filters = ctx.resources.filter((r) => r.type === 'aws_cloudwatch_log_metric_filter');
  const watched = new Set<string>();
  const topics = new Set<string>();

  for (const alarm of alarms) {
    const name = alarm.values.alarm_name as string;
    const xml = await cloudwatch.query('monitoring', 'DescribeAlarms', CLOUDWATCH_VERSION, { 'AlarmNames.member.1': name });
    if (!xmlValues(xml, 'AlarmName').includes(name)) problems.push(`alarm ${name} is in the state but not in the emulator`);
    const actions: string[] = [...(alarm.values.alarm_actions ?? []), ...(alarm.values.ok_actions ?? []), ...(alarm.values.insufficient_data_actions ?? [])];
    if ((alarm.values.alarm_actions ?? []).length === 0) problems.push(`alarm ${name} has no alarm action`);
    for (const a of actions) topics.add(a);
    if (alarm.values.metric_name) watched.add(`${alarm.values.namespace}/${alarm.values.metric_name}`);
    for (const q of alarm.values.metric_query ?? []) for (const m of q.metric ?? []) watched.add(`${m.namespace}/${m.metric_name}`);
  }

  for (const topicArn of topics) {
    const [, , service, region, account] = topicArn.split(':');
    if (service !== 'sns') {
      problems.push(`alarm action ${topicArn} is not an SNS topic`);
      continue;
    }
    try {
      await ctx.client(account, region).query('sns', 'GetTopicAttributes', '2010-03-31', { TopicArn: topicArn });
    } catch (e) {
      if (e instanceof AwsError) problems.push(`alarm action ${topicArn} names a topic that does not exist (${e.code ?? e.status})`);
      else throw e;
    }
  }

  const logGroups = new Set(filters.map((f) => f.values.log_group_name as string));
  const existing = new Set<string>();
  for (const group of logGroups) {
    const out = await cloudwatch.json('logs', 'Logs_20140328', 'DescribeMetricFilters', { logGroupName: group });
    for (const f of out.metricFilters ?? []) existing.add(`${group}/${f.filterName}`);
  }
  for (const f of filters) {
    const v = f.values;
    if (!existing.has(`${v.log_group_name}/${v.name}`)) problems.push(`metric filter ${v.name} is not on log group ${v.log_group_name} in the emulator`);
    for (const t of v.metric_transformation ?? []) {
      if (!watched.has(`${t.namespace}/${t.name}`)) problems.push(`metric filter ${v.name} feeds ${t.namespace}/${t.name}, which no alarm watches`);
    }
  }

  return problems.length
    ? { passed: false, summary: `${problems.length} problem(s) in ${alarms.length} alarms / ${filters.length} filters`, details: problems }
    : { passed: true, summary: `${alarms.length} alarms on ${topics.size} existing topics, ${filters.length} filters on their log group, each watched` };
}
