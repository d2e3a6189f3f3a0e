/**
 * The trail-wiring check of an existing-trail environment (e2e/checks/trail-wiring.ts), on a stand-in
 * emulator client: it passes on what initech-controltower's apply leaves, and fails, saying why, when
 * trailwatch created a trail of its own, put a filter elsewhere, or the existing log group or trail
 * is gone or delivers elsewhere. No moto needed.
 */
import { loadEnvironmentsOrThrow } from '../../../config/load';
import type { CheckContext } from '../../check-context';
import type { StateResource } from '../../workspace';
import { check } from '../trail-wiring';

const env = loadEnvironmentsOrThrow('config/initech-controltower.yaml')[0].env;
const LOG_GROUP = 'aws-controltower/CloudTrailLogs';
const TRAIL_ARN = 'arn:aws:cloudtrail:eu-central-1:777777777777:trail/aws-controltower-BaselineCloudTrail';

const resource = (type: string, name: string, values: Record<string, any>): StateResource => ({
  address: `${type}.${name}`, type, name, provider: 'provider["registry.terraform.io/hashicorp/aws"]', values,
});
const filter = (name: string, group = LOG_GROUP) => resource('aws_cloudwatch_log_metric_filter', name, { name, log_group_name: group });

interface Emulator {
  logGroups: string[];
  trailDeliversTo?: string;
}

function context(resources: StateResource[], emulator: Emulator): { ctx: CheckContext; asked: string[] } {
  const asked: string[] = [];
  const client = (account = env.managementAccountId, region = env.homeRegion) => ({
    json: async (_service: string, _target: string, action: string, input: any) => {
      asked.push(`${action} ${account} ${region}`);
      if (action === 'DescribeLogGroups') return { logGroups: emulator.logGroups.filter((g) => g.startsWith(input.logGroupNamePrefix)).map((logGroupName) => ({ logGroupName })) };
      if (action === 'GetTrail') {
        if (input.Name !== TRAIL_ARN || emulator.trailDeliversTo === undefined) return {};
        return { Trail: { Name: 'aws-controltower-BaselineCloudTrail', TrailARN: TRAIL_ARN, CloudWatchLogsLogGroupArn: `arn:aws:logs:eu-central-1:777777777777:log-group:${emulator.trailDeliversTo}:*` } };
      }
      throw new Error(`unexpected ${action}`);
    },
  });
  const ctx = { environment: env, resources, client } as unknown as CheckContext;
  return { ctx, asked };
}

const applied = [filter('root-usage'), filter('cloudtrail-changes'), resource('aws_cloudwatch_metric_alarm', 'root', { alarm_name: 'root' })];
const intact: Emulator = { logGroups: [LOG_GROUP], trailDeliversTo: LOG_GROUP };

describe('trail-wiring on an existingTrail environment (initech-controltower)', () => {
  it('passes when the state owns no trail and every filter is on the existing log group, asking the management account in the home region', async () => {
    const { ctx, asked } = context(applied, intact);
    const outcome = await check(ctx);
    expect(outcome).toEqual({
      passed: true,
      summary: `no trail, bucket or log group of its own; 2 filters on the existing log group ${LOG_GROUP} of trail aws-controltower-BaselineCloudTrail`,
    });
    expect(asked).toEqual(['DescribeLogGroups 777777777777 eu-central-1', 'GetTrail 777777777777 eu-central-1']);
  });

  it('fails when the state holds a trail, bucket or log group of its own', async () => {
    const owned = [...applied, resource('aws_cloudtrail', 'trail', {}), resource('aws_cloudwatch_log_group', 'group', {})];
    const outcome = await check(context(owned, intact).ctx);
    expect(outcome.passed).toBe(false);
    expect(outcome.details).toEqual([
      'the state holds aws_cloudtrail.trail, but existingTrail means trailwatch creates no aws_cloudtrail',
      'the state holds aws_cloudwatch_log_group.group, but existingTrail means trailwatch creates no aws_cloudwatch_log_group',
    ]);
  });

  it('fails when a filter sits on another log group, or there is no filter at all', async () => {
    const elsewhere = await check(context([filter('root-usage', '/trailwatch/other')], intact).ctx);
    expect(elsewhere.details).toEqual([`metric filter root-usage is on /trailwatch/other, not on the existing log group ${LOG_GROUP}`]);
    const none = await check(context([], intact).ctx);
    expect(none.details).toEqual(['the state holds no metric filter']);
  });

  it('fails when the existing log group or trail is gone, or the trail delivers elsewhere', async () => {
    const gone = await check(context(applied, { logGroups: [] }).ctx);
    expect(gone.details).toEqual([`the existing log group ${LOG_GROUP} is gone`, `the existing trail ${TRAIL_ARN} is gone`]);
    const moved = await check(context(applied, { logGroups: [LOG_GROUP], trailDeliversTo: 'other' }).ctx);
    expect(moved.details).toEqual([`the existing trail delivers to other, not to ${LOG_GROUP}`]);
  });
});
