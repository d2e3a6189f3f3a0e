/**
 * The deepest check short of a real account: every example environment's stack is validated and
 * planned by real Terraform with the real hashicorp/aws 5.100.0 provider, offline.
 */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../config/__tests__/examples';
import { EnvironmentStack } from '../stacks/environment-stack';
import { planJson, terraformAvailable } from './support/terraform';

const examples = loadExamples();
const maybe = terraformAvailable() ? it : it.skip;

describe.each(examples.map((e) => [e.env.name, e.env] as const))('example environment %s', (name, env) => {
  maybe('is valid Terraform (cdktf toBeValidTerraform, local backend)', () => {
    const stack = new EnvironmentStack(Testing.app(), env, { backend: 'local' });
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });

  maybe('plans offline with fake credentials, creating resources and destroying nothing', () => {
    const json = Testing.synth(new EnvironmentStack(new App(), env), true);
    const plan = planJson(json, name);
    const actions = (plan.resource_changes ?? []).flatMap((r) => r.change.actions);
    expect(actions.filter((a) => a !== 'create' && a !== 'no-op' && a !== 'read')).toEqual([]);
  });
});
