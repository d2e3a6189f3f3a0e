import * as path from 'node:path';
import { loadEnvironments } from '../../../load';
import { configDir, validYaml } from '../../../__tests__/helpers';

function load(section: string, name?: string) {
  const dir = configDir({ 'env.yaml': `${validYaml(name)}${section}` });
  const result = loadEnvironments(dir);
  return { env: result.environments[0]?.env, problems: result.problems.map((p) => p.replace(`${dir}${path.sep}`, '')) };
}

describe('bruteForce config section', () => {
  it('defaults to both sources counted by principal and by source IP, 3 failures in 5 minutes, high severity', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(env?.bruteForce).toEqual({
      enabled: true,
      threshold: 3,
      periodSeconds: 300,
      evaluationPeriods: 1,
      severity: 'high',
      sources: ['console', 'identityCenter'],
      countBy: ['principal', 'sourceIp'],
      principalKeys: {
        console: ['$.recipientAccountId', '$.userIdentity.userName'],
        identityCenter: ['$.userIdentity.userName'],
      },
      sourceIpKeys: ['$.sourceIPAddress'],
    });
  });

  it('fills defaults for fields left out of a partial section', () => {
    const { env, problems } = load('bruteForce:\n  threshold: 5\n  principalKeys:\n    identityCenter: ["$.userIdentity.onBehalfOf.userId"]\n');
    expect(problems).toEqual([]);
    expect(env?.bruteForce.threshold).toBe(5);
    expect(env?.bruteForce.periodSeconds).toBe(300);
    expect(env?.bruteForce.principalKeys).toEqual({
      console: ['$.recipientAccountId', '$.userIdentity.userName'],
      identityCenter: ['$.userIdentity.onBehalfOf.userId'],
    });
  });

  it.each([
    ['threshold: 0', 'bruteForce.threshold', 'must be greater than 0'],
    ['periodSeconds: 30', 'bruteForce.periodSeconds', 'must be at least 60 seconds (Contributor Insights reports per minute)'],
    ['periodSeconds: 90', 'bruteForce.periodSeconds', 'must be a multiple of 60 seconds'],
    ['evaluationPeriods: 0', 'bruteForce.evaluationPeriods', 'must be at least 1'],
    ['severity: urgent', 'bruteForce.severity', 'must be one of critical, high, medium, low, info'],
    ['sources: []', 'bruteForce.sources', 'must list at least one source; to turn the alarms off set bruteForce.enabled: false'],
    ['sources: [okta]', 'bruteForce.sources[0]', 'must be one of console, identityCenter'],
    ['countBy: [sourceIp, sourceIp]', 'bruteForce.countBy', 'must not list an entry twice'],
    ['sourceIpKeys: [sourceIPAddress]', 'bruteForce.sourceIpKeys[0]', 'must be a JSON field path like $.userIdentity.userName'],
    ['sourceIpKeys: ["$.a", "$.b", "$.c", "$.d", "$.e"]', 'bruteForce.sourceIpKeys', 'must list at most 4 fields'],
    ['principalKeys: { console: [] }', 'bruteForce.principalKeys.console', 'must list 1 to 4 fields'],
    ['thresold: 3', 'bruteForce', 'thresold'],
  ])('rejects %s at %s, saying what is allowed', (line, field, message) => {
    const { problems } = load(`bruteForce:\n  ${line}\n`);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    const problem = problems.find((p) => p.startsWith(`env.yaml: ${field}`));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
    expect(problem).toMatch(/\(line \d+\)$/);
  });

  it('rejects an evaluation window longer than a day', () => {
    expect(load('bruteForce:\n  periodSeconds: 3600\n  evaluationPeriods: 25\n').problems).toEqual([
      'env.yaml: bruteForce.evaluationPeriods: 25 periods of 3600 s exceed one day (86400 s): lower evaluationPeriods or periodSeconds (line 13)',
    ]);
  });

  it('checks nothing else when turned off', () => {
    const { env, problems } = load('bruteForce:\n  enabled: false\n  periodSeconds: 3600\n  evaluationPeriods: 25\n');
    expect(problems).toEqual([]);
    expect(env?.bruteForce.enabled).toBe(false);
  });
});
