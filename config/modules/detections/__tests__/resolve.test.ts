import { builtInDetections } from '../../../../modules/detections/catalogue';
import { enabledDetections } from '../resolve';
import { envWithDetections } from './helpers';

const ids = (yaml?: string) => enabledDetections(envWithDetections(yaml)).map((d) => d.id);
const find = (yaml: string, id: string) => enabledDetections(envWithDetections(yaml)).find((d) => d.id === id);

describe('enabledDetections', () => {
  it('turns on every built-in, in Security Hub mode, when the section is left out', () => {
    const env = envWithDetections();
    expect(env.detections.complianceMode).toBe('securityHub');
    expect(enabledDetections(env)).toEqual(builtInDetections('securityHub'));
  });

  it('uses the tuned patterns in tuned mode', () => {
    expect(enabledDetections(envWithDetections('complianceMode: tuned'))).toEqual(builtInDetections('tuned'));
  });

  it('leaves out a pack that is off, and disabled ids', () => {
    const out = ids('packs:\n  cis: false\ndisabled: [root-usage]');
    expect(out).toEqual(['iam-console-mfa-failure', 'identity-center-mfa-failure', 'console-sign-in-failures', 'console-sign-in-without-mfa']);
    expect(ids('packs:\n  sign-in: false')).not.toContain('root-usage');
    expect(ids('packs:\n  sign-in: false')).toContain('cloudtrail-changes');
  });

  it('applies overrides field by field and keeps the other defaults', () => {
    const d = find('overrides:\n  unauthorized-api-calls:\n    threshold: 20\n    severity: info', 'unauthorized-api-calls')!;
    expect(d).toMatchObject({ threshold: 20, severity: 'info', periodSeconds: 300, evaluationPeriods: 1, treatMissingData: 'notBreaching' });
    expect(d.pattern).toBe(builtInDetections('securityHub').find((x) => x.id === 'unauthorized-api-calls')!.pattern);
  });

  it('appends exclusions to a built-in pattern with the original parenthesized', () => {
    const d = find(`exclusions:\n  security-group-changes:\n    - '$.userIdentity.arn != "arn:aws:sts::111111111111:assumed-role/Net/ci"'`, 'security-group-changes')!;
    expect(d.pattern).toBe(
      '{ (($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)) && ($.userIdentity.arn != "arn:aws:sts::111111111111:assumed-role/Net/ci") }',
    );
  });

  it('in tuned mode leaves out the automation roles from the change monitors only, never from the trail, KMS or root', () => {
    const all = enabledDetections(envWithDetections('complianceMode: tuned\nautomationRoleNames: [deploy]'));
    const excluded = all.filter((d) => d.pattern.includes('$.userIdentity.arn != "*:assumed-role/deploy/*"')).map((d) => d.id);
    expect(excluded).toEqual([
      'unauthorized-api-calls', 'iam-policy-changes', 's3-bucket-policy-changes', 'security-group-changes', 'nacl-changes',
      'network-gateway-changes', 'route-table-changes', 'vpc-changes',
    ]);
    const unchanged = builtInDetections('tuned').filter((d) => !excluded.includes(d.id));
    for (const d of unchanged) expect(all.find((x) => x.id === d.id)!.pattern).toBe(d.pattern);
  });

  it('adds custom detections after the built-ins, with defaults, overrides and exclusions', () => {
    const yaml = [
      'custom:',
      '  - id: access-key-created',
      '    title: Access key created',
      '    description: An IAM access key was created.',
      '    pattern: \'{ $.eventName = "CreateAccessKey" }\'',
      'overrides:',
      '  access-key-created:',
      '    severity: high',
      'exclusions:',
      '  access-key-created: [\'$.userIdentity.type != "AssumedRole"\']',
    ].join('\n');
    const all = enabledDetections(envWithDetections(yaml));
    expect(all).toHaveLength(18);
    expect(all[17]).toEqual({
      id: 'access-key-created',
      title: 'Access key created',
      description: 'An IAM access key was created.',
      pattern: '{ ($.eventName = "CreateAccessKey") && ($.userIdentity.type != "AssumedRole") }',
      threshold: 1,
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      statistic: 'Sum',
      treatMissingData: 'notBreaching',
      severity: 'high',
      references: {},
      pack: 'custom',
    });
  });

  it('can disable a custom detection', () => {
    const yaml = "custom:\n  - { id: my-one, title: t, description: d, pattern: '{ $.a = 1 }' }\ndisabled: [my-one]";
    expect(ids(yaml)).not.toContain('my-one');
  });
});
