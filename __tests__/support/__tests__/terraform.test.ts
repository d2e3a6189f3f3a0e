import { App, TerraformStack, S3Backend } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { planStack, terraformAvailable, validateJson, validateStack } from '../terraform';

const maybe = terraformAvailable() ? it : it.skip;

function stackWithAssumeRole(): TerraformStack {
  const stack = new TerraformStack(new App(), 'harness');
  new S3Backend(stack, { bucket: 'state-bucket', key: 'k', region: 'us-east-1' });
  const provider = new AwsProvider(stack, 'aws', {
    alias: 'management',
    region: 'eu-west-1',
    assumeRole: [{ roleArn: 'arn:aws:iam::111122223333:role/deploy' }],
  });
  new SnsTopic(stack, 'topic', { provider, name: 'harness-topic' });
  return stack;
}

describe('terraform harness', () => {
  maybe('plans offline a stack whose provider assumes a role and whose backend is S3', () => {
    const plan = planStack(stackWithAssumeRole());
    const topic = plan.resource_changes?.find((r) => r.address === 'aws_sns_topic.topic');
    expect(topic?.change.actions).toEqual(['create']);
    expect(topic?.change.after.name).toBe('harness-topic');
  });

  maybe('validate reports an invalid configuration with terraform diagnostics', () => {
    const broken = JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: { aws_sns_topic: { t: { name: 'x', not_an_argument: true } } },
    });
    expect(() => validateJson(broken, 'broken')).toThrow(/not_an_argument/);
  });

  maybe('validateStack accepts a valid stack', () => {
    expect(() => validateStack(stackWithAssumeRole())).not.toThrow();
  });
});
