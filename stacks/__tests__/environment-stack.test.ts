import { App, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { loadExamples } from '../../config/__tests__/examples';
import { EnvironmentStack } from '../environment-stack';

const examples = loadExamples();
const byName = (name: string) => {
  const found = examples.find((e) => e.env.name === name);
  if (!found) throw new Error(`example ${name} missing`);
  return found.env;
};

function synth(name: string, backend: 's3' | 'local' = 's3'): any {
  return JSON.parse(Testing.synth(new EnvironmentStack(new App(), byName(name), { backend }), true));
}

describe('EnvironmentStack', () => {
  it('uses an S3 backend with a per-stack key, encryption and the S3 lockfile', () => {
    const json = synth('acme-prod');
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-terraform-state',
        key: 'security/trailwatch/trailwatch-acme-prod.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(synth('globex-prod').terraform.backend.s3.key).toBe('trailwatch-globex-prod.tfstate');
  });

  it('has a management provider and a log-archive provider, each pinned to its account and role', () => {
    const stack = Testing.synth(new EnvironmentStack(new App(), byName('acme-prod')), true);
    expect(stack).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-east-1',
      allowed_account_ids: ['111111111111'],
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/TrailwatchDeploy', external_id: 'acme-trailwatch', session_name: 'trailwatch' }],
    });
    expect(stack).toHaveProviderWithProperties(AwsProvider, {
      alias: 'log_archive',
      allowed_account_ids: ['222222222222'],
      assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/TrailwatchDeploy', external_id: 'acme-trailwatch', session_name: 'trailwatch' }],
    });
  });

  it('has a single provider when the environment has no log-archive account', () => {
    const json = synth('acme-sandbox');
    expect(json.provider.aws).toHaveLength(1);
    expect(json.provider.aws[0].assume_role[0]).not.toHaveProperty('external_id');
  });

  it('applies the environment tags plus trailwatch tags through default_tags on every provider', () => {
    for (const provider of synth('acme-prod').provider.aws) {
      expect(provider.default_tags).toEqual([
        { tags: { 'cost-center': 'security', owner: 'platform-team', 'trailwatch:environment': 'acme-prod', 'managed-by': 'trailwatch' } },
      ]);
    }
  });

  it('calls no AWS API at plan time: no data sources other than local policy documents, no remote state', () => {
    for (const { env } of examples) {
      const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
      const dataTypes = Object.keys(json.data ?? {});
      expect(dataTypes.filter((t) => t !== 'aws_iam_policy_document')).toEqual([]);
    }
  });

  it('writes a local backend when asked, for offline validation', () => {
    expect(synth('acme-prod', 'local').terraform.backend).toEqual({ local: { path: 'trailwatch-acme-prod.tfstate' } });
  });
});
