import { CATALOGUE, builtInDetections } from '../../../../modules/detections/catalogue';
import { SECURITY_HUB_COPY_SUFFIX, enabledDetections, resolveDetections } from '../resolve';
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

describe('complianceMode: both', () => {
  const golden = (require('../../../../modules/detections/__tests__/fixtures/security-hub-patterns.json') as { patterns: Record<string, string> }).patterns;
  const resolved = (yaml: string) => resolveDetections(envWithDetections(yaml).detections);

  it('adds, after each tuned detection whose pattern differs from its control, an exact copy at info, byte-identical to the golden string', () => {
    const out = resolved('complianceMode: both');
    const tuned = builtInDetections('tuned');
    const copies = out.filter((r) => r.variant === 'securityHubExact');
    expect(copies.map((r) => r.detection.id)).toEqual(
      CATALOGUE.filter((e) => e.references.securityHub && e.patterns.tuned !== e.patterns.securityHub).map((e) => `${e.id}${SECURITY_HUB_COPY_SUFFIX}`),
    );
    for (const c of copies) {
      const id = c.detection.id.slice(0, -SECURITY_HUB_COPY_SUFFIX.length);
      const control = c.detection.references.securityHub!;
      expect(c.detection.pattern).toBe(golden[control]);
      expect(c.detection.severity).toBe('info');
      expect(c.detection.title).toContain(`Security Hub ${control} exact pattern`);
      const i = out.indexOf(c);
      expect(out[i - 1]).toMatchObject({ variant: 'tuned', detection: tuned.find((d) => d.id === id) });
    }
    // Detections whose tuned pattern is the control's exact one come once, unchanged.
    const kms = out.filter((r) => r.detection.id.startsWith('kms-key-disable-or-deletion'));
    expect(kms).toHaveLength(1);
    expect(kms[0].detection).toEqual(tuned.find((d) => d.id === 'kms-key-disable-or-deletion'));
    expect(kms[0].variant).toBeUndefined();
  });

  it('routes the copies at securityHubSeverity; the tuned detections keep their own (and overridden) severity', () => {
    const out = resolved('complianceMode: both\nsecurityHubSeverity: low\noverrides:\n  cloudtrail-changes: { severity: high, threshold: 2 }');
    expect(out.find((r) => r.detection.id === 'cloudtrail-changes')!.detection).toMatchObject({ severity: 'high', threshold: 2 });
    expect(out.find((r) => r.detection.id === 'cloudtrail-changes-security-hub')!.detection).toMatchObject({ severity: 'low', threshold: 1 });
  });

  it('applies exclusions and automation roles to the tuned detection only, and adds a copy for each control they change', () => {
    const out = resolved(
      'complianceMode: both\nautomationRoleNames: [deploy]\nexclusions:\n  kms-key-disable-or-deletion:\n    - { field: userIdentity.arn, like: "*:assumed-role/KeyAdmin/*", reason: key rotation }',
    );
    const kms = out.filter((r) => r.detection.id.startsWith('kms-key-disable-or-deletion'));
    expect(kms.map((r) => [r.detection.id, r.variant])).toEqual([
      ['kms-key-disable-or-deletion', 'tuned'],
      ['kms-key-disable-or-deletion-security-hub', 'securityHubExact'],
    ]);
    expect(kms[0].detection.pattern).toContain('KeyAdmin');
    expect(kms[1].detection.pattern).toBe(golden['CloudWatch.7']);
    expect(kms[1].exclusions).toEqual([]);
    expect(out.find((r) => r.detection.id === 'vpc-changes')!.detection.pattern).toContain('assumed-role/deploy/');
    expect(out.find((r) => r.detection.id === 'vpc-changes-security-hub')!.detection.pattern).toBe(golden['CloudWatch.14']);
    // Never an automation exclusion on the trail, KMS or root detections, in both mode as in tuned mode.
    expect(out.find((r) => r.detection.id === 'cloudtrail-changes')!.detection.pattern).not.toContain('deploy');
  });

  it('leaves packs off and disabled ids out in both forms, and custom detections once', () => {
    const out = resolved(
      "complianceMode: both\ndisabled: [unauthorized-api-calls]\ncustom:\n  - { id: my-detection, title: Mine, description: D., pattern: '{ $.eventName = \"Foo\" }' }",
    ).map((r) => r.detection.id);
    expect(out.filter((id) => id.startsWith('unauthorized-api-calls'))).toEqual([]);
    expect(out.filter((id) => id.startsWith('my-detection'))).toEqual(['my-detection']);
  });

  it('records each exclusion apart (one per automation role) for the replay report and the docs', () => {
    const r = resolved(
      'complianceMode: tuned\nautomationRoleNames: [deploy, ci]\nexclusions:\n  unauthorized-api-calls:\n    - { field: eventName, equals: GetMacieSession, reason: Macie polls }',
    ).find((x) => x.detection.id === 'unauthorized-api-calls')!;
    expect(r.basePattern).toBe(CATALOGUE.find((e) => e.id === 'unauthorized-api-calls')!.patterns.tuned);
    expect(r.exclusions.map((x) => [x.source, x.label])).toEqual([
      ['automationRoleNames[0]', 'deploy'],
      ['automationRoleNames[1]', 'ci'],
      ['exclusions.unauthorized-api-calls[0]', 'Macie polls'],
    ]);
  });
});
