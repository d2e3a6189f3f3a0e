import { configDir, validYaml } from '../../../__tests__/helpers';
import { loadFile } from '../../../load';
import * as path from 'node:path';

/** Problems of a config file whose `detections:` section is the given YAML (without the file prefix). */
function problems(detectionsYaml: string): string[] {
  const dir = configDir({ 'env.yaml': `${validYaml()}detections:\n${detectionsYaml.replace(/^/gm, '  ')}\n` });
  return loadFile(path.join(dir, 'env.yaml')).problems.map((p) => p.replace(/^.*env\.yaml: /, ''));
}

describe('detections config', () => {
  it('accepts the example-style settings', () => {
    expect(
      problems(
        [
          'complianceMode: tuned',
          'automationRoleNames: [deploy]',
          'disabled: [vpc-changes]',
          'overrides:',
          '  root-usage: { severity: critical, periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 2 }',
          'exclusions:',
          "  unauthorized-api-calls: ['$.userIdentity.sessionContext.sessionIssuer.userName != \"Scanner\"']",
          'custom:',
          "  - { id: my-detection, title: Mine, description: Something happened., pattern: '{ $.eventName = \"Foo\" }' }",
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('names unknown ids in disabled, overrides and exclusions, with a did-you-mean', () => {
    const out = problems(['disabled: [root-usge]', 'overrides:', '  cloudtrail-change: { threshold: 2 }', 'exclusions:', "  nope: ['$.a = 1']"].join('\n'));
    expect(out[0]).toMatch(/^detections\.disabled\[0\]: "root-usge" is not a detection id: did you mean "root-usage"\? Known ids: iam-console-mfa-failure, /);
    expect(out[1]).toMatch(/^detections\.overrides\.cloudtrail-change: "cloudtrail-change" is not a detection id: did you mean "cloudtrail-changes"\?/);
    expect(out[2]).toMatch(/^detections\.exclusions\.nope: "nope" is not a detection id: Known ids:/);
    expect(out).toHaveLength(3);
  });

  it('rejects wrong field types and values in overrides with the allowed values', () => {
    const out = problems(
      ['overrides:', '  root-usage:', '    threshold: 0', '    periodSeconds: 90', '    severity: urgent', '    treshold: 3', '    evaluationPeriods: "2"'].join('\n'),
    );
    expect(out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^detections\.overrides\.root-usage\.threshold: 0 must be greater than 0/),
        expect.stringMatching(/^detections\.overrides\.root-usage\.periodSeconds: 90 must be 10, 30 or a multiple of 60 seconds/),
        expect.stringMatching(/^detections\.overrides\.root-usage\.severity: "urgent" must be one of critical, high, medium, low, info/),
        expect.stringMatching(/^detections\.overrides\.root-usage\.treshold: is not a known field .*did you mean "threshold"\?/),
        expect.stringMatching(/^detections\.overrides\.root-usage\.evaluationPeriods: must be a whole number >= 1/),
      ]),
    );
  });

  it('checks settings that span fields against the resolved detection, at the field that was set', () => {
    expect(problems('overrides:\n  root-usage: { evaluationPeriods: 3, datapointsToAlarm: 4 }')).toEqual([
      'detections.overrides.root-usage.datapointsToAlarm: 4 must be at most evaluationPeriods (3) (line 13)',
    ]);
    expect(problems('overrides:\n  vpc-changes: { periodSeconds: 3600, evaluationPeriods: 25 }')[0]).toMatch(
      /^detections\.overrides\.vpc-changes\.evaluationPeriods: 25 x periodSeconds 3600 = 90000 s is over one day \(86400 s\): lower evaluationPeriods to at most 24/,
    );
  });

  it('validates custom detections exactly like built-ins: pattern syntax with a caret, ids', () => {
    const out = problems(
      [
        'custom:',
        "  - { id: broken, title: T, description: D, pattern: '{ ($.eventName = \"Foo\" }' }",
        "  - { id: root-usage, title: T, description: D, pattern: '{ $.a = 1 }' }",
        "  - { id: Bad_Id, title: T, description: D, pattern: '{ $.a = 1 }', threshold: -1 }",
      ].join('\n'),
    );
    expect(out.some((p) => p.startsWith('detections.custom[2].id: "Bad_Id" must be 3-64 lower-case letters'))).toBe(true);
    expect(out.some((p) => p.startsWith('detections.custom[2].threshold: -1 must be greater than 0'))).toBe(true);
    const schemaOk = problems(
      [
        'custom:',
        "  - { id: broken, title: T, description: D, pattern: '{ ($.eventName = \"Foo\" }' }",
        "  - { id: root-usage, title: T, description: D, pattern: '{ $.a = 1 }' }",
      ].join('\n'),
    );
    expect(schemaOk[0]).toMatch(/^detections\.custom\[1\]\.id: "root-usage" is a built-in detection id: pick another id/);
    const syntax = problems("custom:\n  - { id: broken, title: T, description: D, pattern: '{ ($.eventName = \"Foo\" }' }");
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatch(/^detections\.custom\[0\]\.pattern: .*column \d+/s);
    expect(syntax[0]).toContain('{ ($.eventName = "Foo" }');
    expect(syntax[0]).toContain('^');
  });

  it('rejects exclusions that would break the pattern or its precedence', () => {
    const out = problems(["exclusions:", "  vpc-changes:", "    - '$.a = 1) || ($.b = 2'", "    - '$.a = '"].join('\n'));
    expect(out[0]).toMatch(/^detections\.exclusions\.vpc-changes\[0\]: "\$\.a = 1\) \|\| \(\$\.b = 2" must be one condition without braces and with balanced parentheses and quotes/);
    expect(out[1]).toMatch(/^detections\.exclusions\.vpc-changes\[1\]: .*column \d+/s);
  });

  it('reports a pattern that grows over 1024 characters with exclusions at the exclusions field', () => {
    const long = `'$.userIdentity.arn != "${'a'.repeat(600)}"'`;
    expect(problems(`exclusions:\n  iam-policy-changes: [${long}]`)[0]).toMatch(
      /^detections\.exclusions\.iam-policy-changes: the pattern of "iam-policy-changes" with exclusions is \d+ characters, over the CloudWatch Logs limit of 1024/,
    );
  });

  it('reports, before synth, an alarm whose Logs Insights query would not fit in the alarm description', () => {
    const roles = Array.from({ length: 9 }, (_, i) => `DeploymentRole${i}`).join(', ');
    const out = problems(`complianceMode: tuned\nautomationRoleNames: [${roles}]`);
    expect(out[0]).toMatch(
      /^detections\.automationRoleNames: the alarm of "unauthorized-api-calls": its Logs Insights query \(\d+ characters\) leaves no room in CloudWatch's 1024-character alarm description: use fewer exclusions or automation roles/,
    );
  });

  it('refuses automationRoleNames in securityHub mode, where it would silently do nothing', () => {
    expect(problems('automationRoleNames: [deploy]')[0]).toMatch(
      /^detections\.automationRoleNames: has no effect in securityHub mode .*set detections\.complianceMode: tuned/,
    );
  });

  it('rejects an empty custom pattern and an unknown compliance mode', () => {
    expect(problems("custom:\n  - { id: empty-one, title: T, description: D, pattern: '' }")[0]).toMatch(
      /^detections\.custom\[0\]\.pattern: .*must not be empty/,
    );
    expect(problems('complianceMode: strict')[0]).toMatch(/^detections\.complianceMode: "strict" must be "securityHub" \(exact AWS Security Hub patterns\) or "tuned"/);
  });
});
