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
          '  unauthorized-api-calls:',
          '    - { field: userIdentity.sessionContext.sessionIssuer.userName, equals: Scanner, reason: the scanner probes on purpose }',
          '  vpc-changes:',
          "    - { allOf: [{ field: eventName, in: [CreateVpc] }, { field: userIdentity.arn, like: '*:assumed-role/Audit/*' }], reason: audit tooling }",
          "    - '($.userIdentity.arn NOT EXISTS) || ($.userIdentity.arn != \"arn:aws:sts::111111111111:assumed-role/Scan/x\")'",
          "    - '$.eventName != \"DeleteVpc\"'",
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
    const long = `{ field: userIdentity.arn, equals: ${'a'.repeat(600)}, reason: long }`;
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
    expect(problems('complianceMode: strict')[0]).toMatch(/^detections\.complianceMode: "strict" must be "securityHub" \(exact AWS Security Hub patterns\), "tuned" or "both"/);
  });

  it('rejects a free-form negation on a field CloudTrail may omit, and spells out the structured form to write', () => {
    const out = problems(["exclusions:", "  unauthorized-api-calls:", "    - '$.userIdentity.sessionContext.sessionIssuer.userName != \"GlobexScanner\"'"].join('\n'));
    expect(out).toEqual([
      expect.stringMatching(
        /^detections\.exclusions\.unauthorized-api-calls\[0\]: \$\.userIdentity\.sessionContext\.sessionIssuer\.userName != "GlobexScanner" is false for every event without userIdentity\.sessionContext\.sessionIssuer\.userName .* write \{ field: userIdentity\.sessionContext\.sessionIssuer\.userName, equals: "GlobexScanner", reason: .* \}, which keeps events without the field \(line \d+\)$/,
      ),
    ]);
    const like = problems("exclusions:\n  vpc-changes: ['$.userIdentity.arn != \"*:assumed-role/Net/*\"']");
    expect(like[0]).toContain('write { field: userIdentity.arn, like: "*:assumed-role/Net/*"');
  });

  it('rejects a numeric comparison on a field CloudTrail may omit, and a negation inside an && of a free-form condition object', () => {
    const numeric = problems("exclusions:\n  vpc-changes: ['$.requestParameters.maxResults < 5']");
    expect(numeric[0]).toMatch(/^detections\.exclusions\.vpc-changes\[0\]: \$\.requestParameters\.maxResults < 5 is false for every event without requestParameters\.maxResults .*write '\(\$\.requestParameters\.maxResults NOT EXISTS\) \|\| \(\$\.requestParameters\.maxResults < 5\)'/);
    const inAnd = problems(
      "exclusions:\n  vpc-changes:\n    - { condition: '($.eventName = \"CreateVpc\") && ($.errorCode != \"AccessDenied\")', reason: r }",
    );
    expect(inAnd).toEqual([expect.stringMatching(/^detections\.exclusions\.vpc-changes\[0\]\.condition: \$\.errorCode != "AccessDenied" is false for every event without errorCode/)]);
  });

  it('accepts negations on fields CloudTrail always writes and negations guarded by NOT EXISTS of the same field', () => {
    expect(problems("exclusions:\n  vpc-changes:\n    - '$.eventName != \"CreateVpc\"'\n    - '$.userIdentity.type != \"AWSService\"'")).toEqual([]);
    expect(problems("exclusions:\n  vpc-changes: ['($.errorCode NOT EXISTS) || (($.errorCode != \"A\") && ($.errorCode != \"B\"))']")).toEqual([]);
    // guarded by a NOT EXISTS of another field: still a trap
    expect(problems("exclusions:\n  vpc-changes: ['($.errorMessage NOT EXISTS) || ($.errorCode != \"A\")']")).toHaveLength(1);
  });

  it('rejects a structured exclusion on a field that holds an object or a boolean (!= never matches it)', () => {
    const out = problems(
      ['exclusions:', '  vpc-changes:', '    - { field: userIdentity.sessionContext, equals: x, reason: r }', '    - { allOf: [{ field: eventName, equals: A }, { field: readOnly, equals: "true" }], reason: r }'].join('\n'),
    );
    expect(out).toEqual([
      expect.stringMatching(/^detections\.exclusions\.vpc-changes\[0\]\.field: "userIdentity\.sessionContext" holds an object, a list or a boolean, which != never matches/),
      expect.stringMatching(/^detections\.exclusions\.vpc-changes\[1\]\.allOf\[1\]\.field: "readOnly" holds an object/),
    ]);
  });

  it('says which part of a structured exclusion is missing or doubled', () => {
    const out = problems(
      [
        'exclusions:',
        '  vpc-changes:',
        '    - { field: eventName, reason: r }',
        '    - { field: eventName, equals: A, like: B*, reason: r }',
        '    - { field: eventName, equals: A }',
        '    - { field: eventName, allOf: [{ field: a, equals: b }], reason: r }',
        '    - { allOf: [{ field: a }], reason: r }',
        '    - { field: "a b", equals: x, reason: r }',
      ].join('\n'),
    );
    expect(out.join('\n')).toMatch(/vpc-changes\[0\]: .*needs one of equals, like or in next to field/);
    expect(out.join('\n')).toMatch(/vpc-changes\[1\]: .*has equals and like: use only one of equals, like or in/);
    expect(out.join('\n')).toMatch(/vpc-changes\[2\]\.reason: is required; it must say why these events are noise/);
    expect(out.join('\n')).toMatch(/vpc-changes\[3\]: .*has field and allOf: use only one of field, allOf or condition/);
    expect(out.join('\n')).toMatch(/vpc-changes\[4\]\.allOf\[0\]: .*needs one of equals, like or in/);
    expect(out.join('\n')).toMatch(/vpc-changes\[5\]\.field: .*must be a CloudTrail field path/);
  });
});

describe('detections warnings (printed at synth, not fatal)', () => {
  function warnings(detectionsYaml: string): string[] {
    const dir = configDir({ 'env.yaml': `${validYaml()}detections:\n${detectionsYaml.replace(/^/gm, '  ')}\n` });
    const result = loadFile(path.join(dir, 'env.yaml'));
    expect(result.problems).toEqual([]);
    return (result.warnings ?? []).map((p) => p.replace(/^.*env\.yaml: /, ''));
  }
  const scanner = '{ field: userIdentity.sessionContext.sessionIssuer.userName, equals: Scanner, reason: scanner }';

  it('in securityHub mode, one line per detection that names a control and has exclusions', () => {
    const out = warnings(`exclusions:\n  unauthorized-api-calls: [${scanner}, ${scanner}]\n  organizations-changes: [${scanner}]`);
    expect(out).toEqual([
      expect.stringMatching(/^detections\.exclusions\.unauthorized-api-calls: Security Hub will report FAILED for CloudWatch\.2 because the exclusions change the exact filter pattern .*complianceMode: both/),
    ]);
    expect(warnings(`complianceMode: tuned\nexclusions:\n  unauthorized-api-calls: [${scanner}]`)).toEqual([]);
    expect(warnings(`complianceMode: both\nexclusions:\n  unauthorized-api-calls: [${scanner}]`)).toEqual([]);
    expect(warnings(`disabled: [unauthorized-api-calls]\nexclusions:\n  unauthorized-api-calls: [${scanner}]`)).toEqual([]);
  });

  it('a custom pattern with an unguarded negation on a field CloudTrail may omit', () => {
    const out = warnings("custom:\n  - { id: not-scanner, title: T, description: D, pattern: '{ ($.eventName = \"X\") && ($.userIdentity.arn != \"a\") }' }");
    expect(out).toEqual([
      expect.stringMatching(/^detections\.custom\[0\]\.pattern: \$\.userIdentity\.arn != "a" is false for every event without userIdentity\.arn .* write \(\$\.userIdentity\.arn NOT EXISTS\) \|\| \(\$\.userIdentity\.arn != "a"\)/),
    ]);
  });
});
