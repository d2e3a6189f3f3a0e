/**
 * The example environments' bruteForce and trailHealth sections, through the constructs: every example
 * builds, each gets what its file asks for, and every description fits CloudWatch's limit.
 */
import { alarmContext } from '../../../config/naming';
import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { loadExamples } from '../../../config/__tests__/examples';
import { resourcePrefix } from '../../../config/naming';
import type { Environment } from '../../../config/environment-schema';
import { ALARM_DESCRIPTION_LIMIT } from '../../common/alarm-description';
import { trailHealthSettings } from '../../../config/modules/trail-health/config';
import { TrailHealth } from '../../trail-health/trail-health';
import { bruteForceSettings } from '../../../config/modules/sign-in-brute-force/config';
import { SignInBruteForce } from '../sign-in-brute-force';
import { fakeRouting } from './support';

const examples = loadExamples().map((e) => e.env);

function synth(env: Environment): any {
  const stack = new TerraformStack(new App(), env.name);
  new AwsProvider(stack, 'aws', { region: env.homeRegion });
  const logGroupName = `${resourcePrefix(env)}-cloudtrail`;
  const common = {
    logGroupName,
    routing: fakeRouting,
    context: alarmContext(env, logGroupName),
    namePrefix: resourcePrefix(env),
  };
  if (env.bruteForce.enabled) new SignInBruteForce(stack, 'sign-in-brute-force', { ...common, ...bruteForceSettings(env.bruteForce) });
  if (env.trailHealth.enabled) new TrailHealth(stack, 'trail-health', { ...common, ...trailHealthSettings(env.trailHealth) });
  return JSON.parse(Testing.synth(stack, true));
}

const byName = (name: string) => examples.find((e) => e.name === name)!;
const alarmsOf = (json: any): any[] => Object.values(json.resource.aws_cloudwatch_metric_alarm);

describe('example environments', () => {
  it('all have the sign-in failure rules and the trail-health alarm on, with descriptions within the limit', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(['acme-prod', 'acme-sandbox', 'globex-prod', 'initech-controltower']);
    for (const env of examples) {
      const json = synth(env);
      expect(Object.keys(json.resource.aws_cloudwatch_contributor_insight_rule).length).toBeGreaterThanOrEqual(2);
      const names = alarmsOf(json).map((a) => a.alarm_name);
      expect(names).toContain(`${resourcePrefix(env)}-trail-delivery-stopped`);
      for (const alarm of alarmsOf(json)) expect(alarm.alarm_description.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    }
  });

  it('differ as their files say', () => {
    const sandbox = synth(byName('acme-sandbox'));
    expect(Object.values<any>(sandbox.resource.aws_cloudwatch_contributor_insight_rule).map((r) => r.rule_name).sort()).toEqual([
      'acme-acme-sandbox-sign-in-failures-console-by-principal',
      'acme-acme-sandbox-sign-in-failures-identity-center-by-principal',
    ]);
    expect(alarmsOf(sandbox).find((a) => a.alarm_name === 'acme-acme-sandbox-trail-delivery-stopped').period).toBe(7200);

    const globex = synth(byName('globex-prod'));
    const ic = Object.values<any>(globex.resource.aws_cloudwatch_contributor_insight_rule).find((r) =>
      r.rule_name.endsWith('identity-center-by-principal'),
    );
    expect(JSON.parse(ic.rule_definition).Contribution.Keys).toEqual(['$.userIdentity.onBehalfOf.userId']);
    expect(alarmsOf(globex).every((a) => a.evaluation_periods === 2)).toBe(true);

    const acme = alarmsOf(synth(byName('acme-prod')));
    expect(acme.filter((a) => a.tags['trailwatch:severity'] === 'critical')).toHaveLength(5);
  });
});
