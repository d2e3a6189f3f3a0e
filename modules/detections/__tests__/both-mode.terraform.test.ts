/**
 * complianceMode both with real Terraform (hashicorp/aws 5.100.0, offline): the whole environment
 * stack of the test-only config validates and plans, creating each tuned filter and alarm and its
 * Security Hub-exact copy with the golden pattern.
 */
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { loadEnvironmentsOrThrow } from '../../../config/load';
import { EnvironmentStack } from '../../../stacks/environment-stack';
import { planJson, terraformAvailable } from '../../../__tests__/support/terraform';

const maybe = terraformAvailable() ? it : it.skip;
const golden = (require('./fixtures/security-hub-patterns.json') as { patterns: Record<string, string> }).patterns;
const [{ env }] = loadEnvironmentsOrThrow(path.join(__dirname, 'fixtures', 'both-mode.yaml'));

describe('complianceMode both with real Terraform', () => {
  maybe('is valid Terraform', () => {
    expect(Testing.fullSynth(new EnvironmentStack(Testing.app(), env, { backend: 'local' }))).toBeValidTerraform();
  });

  maybe('plans offline: creates the tuned and the exact filters and alarms, destroys nothing', () => {
    const plan = planJson(Testing.synth(new EnvironmentStack(new App(), env), true), 'both-mode');
    const changes = plan.resource_changes ?? [];
    expect(changes.flatMap((c) => c.change.actions).filter((a) => a !== 'create' && a !== 'no-op' && a !== 'read')).toEqual([]);
    const filter = (name: string) => changes.find((c) => c.type === 'aws_cloudwatch_log_metric_filter' && c.change.after.name === name)?.change.after;
    const alarm = (name: string) => changes.find((c) => c.type === 'aws_cloudwatch_metric_alarm' && c.change.after.alarm_name === name)?.change.after;
    const prefix = `trailwatch-${env.name}`;
    expect(filter(`${prefix}-unauthorized-api-calls-security-hub`)?.pattern).toBe(golden['CloudWatch.2']);
    expect(filter(`${prefix}-unauthorized-api-calls`)?.pattern).toContain('"Scanner"');
    expect(alarm(`${prefix}-unauthorized-api-calls-security-hub`)).toMatchObject({ threshold: 5, tags: { 'trailwatch:severity': 'info' } });
    expect(alarm(`${prefix}-unauthorized-api-calls`)).toMatchObject({ threshold: 5, tags: { 'trailwatch:severity': 'low' } });
  });
});
