import { contributorInsightsQuery, insightsField, ruleDefinition } from '../rule-definition';
import { SIGN_IN_SOURCES, ruleName } from '../sign-in-sources';

describe('rule definition and query', () => {
  it('turns Contributor Insights key paths into Logs Insights field names', () => {
    expect(insightsField('$.userIdentity.userName')).toBe('userIdentity.userName');
    expect(insightsField('$.resources[0].ARN')).toBe('resources.0.ARN');
  });

  it('filters the query exactly like the rule and counts by the rule keys per period', () => {
    const source = { ...SIGN_IN_SOURCES.console, filters: [...SIGN_IN_SOURCES.console.filters, { Match: '$.awsRegion', In: ['us-east-1', 'eu-west-1'] }] };
    expect(contributorInsightsQuery(source, ['$.sourceIPAddress'], 600)).toBe(
      'filter eventName = "ConsoleLogin" and responseElements.ConsoleLogin = "Failure" and awsRegion in ["us-east-1","eu-west-1"]' +
        ' | stats count(*) as failures by sourceIPAddress, bin(600s) | sort failures desc | limit 50',
    );
  });

  it('builds a rule on one named log group (no wildcard), counting occurrences', () => {
    const body = ruleDefinition('/aws/cloudtrail/org', SIGN_IN_SOURCES.identityCenter, ['$.sourceIPAddress']);
    expect(body.LogGroupNames).toEqual(['/aws/cloudtrail/org']);
    expect(body.AggregateOn).toBe('Count');
    expect(body.Contribution.Filters.length).toBeLessThanOrEqual(4);
    expect(body).not.toHaveProperty('Contribution.ValueOf');
  });

  it('names rules after the prefix, source and key', () => {
    expect(ruleName('acme-acme-prod', 'console-by-source-ip')).toBe('acme-acme-prod-sign-in-failures-console-by-source-ip');
  });
});
