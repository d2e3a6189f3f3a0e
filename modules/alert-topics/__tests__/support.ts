import { App, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AlertTopics, type AlertTopicsProps } from '../alert-topics';

export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const PREFIX = 'acme-acme-prod';

/** ACME-like routing: critical pages and goes to security, the rest to security only. */
export function acmeProps(overrides: Partial<AlertTopicsProps> = {}): AlertTopicsProps {
  return {
    accountId: ACCOUNT,
    region: REGION,
    namePrefix: PREFIX,
    topics: [
      {
        name: 'pager',
        notifyInsufficientData: true,
        subscriptions: [
          { protocol: 'https', endpoint: 'https://events.pagerduty.com/integration/abc/enqueue' },
          { protocol: 'email', endpoint: 'oncall@acme.example' },
        ],
      },
      { name: 'security', notifyOk: false, publishers: ['eventbridge', 'budgets'], subscriptions: [{ protocol: 'email', endpoint: 'security@acme.example' }] },
    ],
    routing: { critical: ['pager', 'security'], high: ['security'], medium: ['security'], low: ['security'], info: ['security'] },
    ...overrides,
  };
}

export function newStack(): TerraformStack {
  const stack = new TerraformStack(new App(), 'alert-topics-test');
  new AwsProvider(stack, 'aws', { region: REGION });
  return stack;
}

/** Synthesizes AlertTopics on its own; returns the construct, the synth text and its parsed JSON. */
export function synth(props: AlertTopicsProps = acmeProps()): { topics: AlertTopics; text: string; json: any } {
  const stack = newStack();
  const topics = new AlertTopics(stack, 'alerting', props);
  const text = Testing.synth(stack, true);
  return { topics, text, json: JSON.parse(text) };
}

/** The parsed `policy` of every resource of a type, by its Terraform `name` attribute. */
export function policiesByName(json: any, type: string): Record<string, any> {
  return Object.fromEntries(Object.values<any>(json.resource[type] ?? {}).map((r) => [r.name ?? r.description, JSON.parse(r.policy)]));
}
