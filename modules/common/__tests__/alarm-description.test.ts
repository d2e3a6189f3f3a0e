import { ALARM_DESCRIPTION_LIMIT, alarmDescription, insightsConsoleUrl, type AlarmContext } from '../alarm-description';

const context: AlarmContext = {
  environment: 'acme-prod',
  managementAccountId: '111111111111',
  region: 'us-east-1',
  logGroupName: 'acme-acme-prod-cloudtrail',
};
const query = 'fields @timestamp, eventName | filter eventName = "ConsoleLogin" | sort @timestamp desc | limit 100';

describe('alarmDescription', () => {
  it('carries the summary, environment, management account, region, log group, query and a console link', () => {
    const text = alarmDescription({ summary: 'Console sign-in failed at the MFA step.', context, insightsQuery: query });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Console sign-in failed at the MFA step.');
    expect(text).toContain('Environment: acme-prod (management account 111111111111, us-east-1)');
    expect(text).toContain('Log group: acme-acme-prod-cloudtrail');
    expect(text).toContain(`Logs Insights query: ${query}`);
    expect(lines[lines.length - 1]).toMatch(/^Open: https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:logs-insights\$3FqueryDetail\$3D~\(/);
  });

  it('shortens a long summary first and keeps the query and the link within 1024 characters', () => {
    const text = alarmDescription({ summary: 'x'.repeat(2000), context, insightsQuery: query });
    expect(text.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    expect(text).toContain(`Logs Insights query: ${query}`);
    expect(text).toContain('Open: https://');
    expect(text.split('\n')[0]).toMatch(/x\.\.\.$/);
  });

  it('drops the link before the query when both do not fit', () => {
    const long = `fields @timestamp | filter ${Array.from({ length: 30 }, (_, i) => `eventName = "Event${i}"`).join(' or ')}`;
    const text = alarmDescription({ summary: 'A summary that should stay readable.', context, insightsQuery: long });
    expect(text.length).toBeLessThanOrEqual(ALARM_DESCRIPTION_LIMIT);
    expect(text).toContain(long);
    expect(text).not.toContain('Open: https://');
  });

  it('refuses a query that cannot fit even without the link', () => {
    expect(() => alarmDescription({ summary: 's', context, insightsQuery: 'f'.repeat(1100) })).toThrow(/over 1024 characters.*shorten the Logs Insights query/);
  });

  it('has no query or link lines when no query is given', () => {
    const text = alarmDescription({ summary: 'Trail stopped delivering.', context });
    expect(text.split('\n')).toEqual([
      'Trail stopped delivering.',
      'Environment: acme-prod (management account 111111111111, us-east-1)',
      'Log group: acme-acme-prod-cloudtrail',
    ]);
  });
});

describe('insightsConsoleUrl', () => {
  it('JSURL-encodes the query and log group the way the CloudWatch console does', () => {
    const url = insightsConsoleUrl('eu-west-1', 'my/log-group', 'fields @timestamp | limit 5', 600);
    const fragment = url.split('#logsV2:')[1];
    expect(fragment).toBe(
      "logs-insights$3FqueryDetail$3D~(end~0~start~-600~timeType~'RELATIVE~unit~'seconds" +
        "~editorString~'fields*20*40timestamp*20*7c*20limit*205~source~(~'my*2flog-group))",
    );
    expect(url.startsWith('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#')).toBe(true);
  });
});
