/**
 * Terraform addresses of the alerting resources in the environment stack are public contract: a
 * refactor that changed them would make Terraform destroy and recreate the key (losing the ability to
 * decrypt queued messages) and the topics (dropping every confirmed subscription). Fixed strings here.
 */
import { App, Testing } from 'cdktf';
import { loadExamples } from '../../../config/__tests__/examples';
import { EnvironmentStack } from '../../../stacks/environment-stack';
import { AlertTopics } from '../alert-topics';
import { alertTopicsProps } from '../../../config/modules/alert-topics/config';
import { newStack } from './support';

const envs = Object.fromEntries(loadExamples().map((e) => [e.env.name, e.env]));
const synth = (name: string) => JSON.parse(Testing.synth(new EnvironmentStack(new App(), envs[name], { backend: 'local' }), true));

describe('alerting in the environment stack', () => {
  it('keeps the addresses of the key, the topics and the dead-letter queue', () => {
    const json = synth('acme-prod');
    expect(Object.keys(json.resource.aws_kms_key)).toContain('alerting_key_A3A8366F');
    expect(Object.keys(json.resource.aws_sns_topic).sort()).toEqual([
      'alerting_topic-digest_9DBA6D0D',
      'alerting_topic-pager_CB620652',
      'alerting_topic-security_A313CFB2',
    ]);
    expect(Object.keys(json.resource.aws_sqs_queue).filter((k) => k.startsWith('alerting_'))).toEqual(['alerting_dead-letter-queue_FED2D3A8']);
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['alerting_topic_arns', 'alerting_dead_letter_queue_arn']));
  });

  it('takes prevent_destroy and the deletion window from config (the sandbox key may be destroyed)', () => {
    const key = (name: string) => {
      const stack = newStack();
      new AlertTopics(stack, 'alerting', alertTopicsProps(envs[name]));
      return Object.values<any>(JSON.parse(Testing.synth(stack, true)).resource.aws_kms_key)[0];
    };
    expect(key('acme-prod')).toMatchObject({ deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(key('acme-sandbox')).toMatchObject({ deletion_window_in_days: 7, lifecycle: { prevent_destroy: false } });
  });

  it('puts the topics in the management account and home region, named after the environment', () => {
    const json = synth('globex-prod');
    expect(json.output.alerting_topic_arns.value).toEqual({
      'soc-urgent': 'arn:aws:sns:eu-west-1:444444444444:globex-globex-prod-soc-urgent',
      'soc-queue': 'arn:aws:sns:eu-west-1:444444444444:globex-globex-prod-soc-queue',
    });
    // The topics use the stack's default provider: the management account.
    expect(Object.values<any>(json.resource.aws_sns_topic).every((t) => t.provider === undefined)).toBe(true);
  });
});
