/**
 * The Contributor Insights rule body and the matching Logs Insights query for one sign-in source and
 * one set of keys. Pure functions: the construct, the tests and the query in docs/sign-in-and-trail-health.md all use them.
 */
import type { ContributorFilter, SignInSource } from './sign-in-sources';

/** The JSON body of a Contributor Insights rule on CloudWatch Logs (PutInsightRule RuleDefinition). */
export interface ContributorRuleDefinition {
  readonly Schema: { readonly Name: 'CloudWatchLogRule'; readonly Version: 1 };
  readonly LogGroupNames: readonly string[];
  readonly LogFormat: 'JSON';
  readonly Contribution: { readonly Keys: readonly string[]; readonly Filters: readonly ContributorFilter[] };
  readonly AggregateOn: 'Count';
}

/** Counts the source's failed sign-ins in exactly one log group (no wildcard: matched events are billed). */
export function ruleDefinition(logGroupName: string, source: SignInSource, keys: readonly string[]): ContributorRuleDefinition {
  return {
    Schema: { Name: 'CloudWatchLogRule', Version: 1 },
    LogGroupNames: [logGroupName],
    LogFormat: 'JSON',
    Contribution: { Keys: [...keys], Filters: source.filters.map((f) => ({ Match: f.Match, In: [...f.In] })) },
    AggregateOn: 'Count',
  };
}

/** `$.a[0].b` (Contributor Insights) → `a.0.b` (Logs Insights). */
export function insightsField(key: string): string {
  return key.replace(/^\$\./, '').replace(/\[(\d+)\]/g, '.$1');
}

/**
 * A Logs Insights query listing the source's failed sign-ins counted by the same keys and in the same
 * periods as the rule, largest first: the top rows are the contributors that tripped the alarm.
 */
export function contributorInsightsQuery(source: SignInSource, keys: readonly string[], periodSeconds: number): string {
  const fields = keys.map(insightsField);
  const filter = source.filters
    .map((f) => {
      const field = insightsField(f.Match);
      return f.In.length === 1 ? `${field} = ${JSON.stringify(f.In[0])}` : `${field} in ${JSON.stringify(f.In)}`;
    })
    .join(' and ');
  return [
    `filter ${filter}`,
    `stats count(*) as failures by ${[...fields, `bin(${periodSeconds}s)`].join(', ')}`,
    'sort failures desc',
    'limit 50',
  ].join(' | ');
}
