import * as path from 'node:path';
import { loadEnvironments } from '../../../load';
import { configDir, validYaml } from '../../../__tests__/helpers';

function load(section: string) {
  const dir = configDir({ 'env.yaml': `${validYaml()}${section}` });
  const result = loadEnvironments(dir);
  return { env: result.environments[0]?.env, problems: result.problems.map((p) => p.replace(`${dir}${path.sep}`, '')) };
}

describe('trailHealth config section', () => {
  it('defaults to a one-hour window, one period, critical', () => {
    const { env, problems } = load('');
    expect(problems).toEqual([]);
    expect(env?.trailHealth).toEqual({ enabled: true, windowSeconds: 3600, evaluationPeriods: 1, severity: 'critical' });
  });

  it('accepts a partial section and fills the rest', () => {
    const { env, problems } = load('trailHealth:\n  windowSeconds: 1800\n');
    expect(problems).toEqual([]);
    expect(env?.trailHealth).toEqual({ enabled: true, windowSeconds: 1800, evaluationPeriods: 1, severity: 'critical' });
  });

  it.each([
    ['windowSeconds: 300', 'trailHealth.windowSeconds', 'must be at least 900 seconds: CloudTrail delivers in batches'],
    ['windowSeconds: 1000', 'trailHealth.windowSeconds', 'must be a multiple of 60 seconds'],
    ['windowSeconds: 90000', 'trailHealth.windowSeconds', 'must be at most 86400 seconds'],
    ['windowSeconds: "1h"', 'trailHealth.windowSeconds', 'must be a number of seconds'],
    ['evaluationPeriods: 0', 'trailHealth.evaluationPeriods', 'must be at least 1'],
    ['severity: page', 'trailHealth.severity', 'must be one of critical, high, medium, low, info'],
    ['enabled: yes please', 'trailHealth.enabled', 'must be true or false'],
  ])('rejects %s at %s, saying what is allowed', (line, field, message) => {
    const problem = load(`trailHealth:\n  ${line}\n`).problems.find((p) => p.startsWith(`env.yaml: ${field}`));
    expect(problem).toBeDefined();
    expect(problem).toContain(message);
  });

  it('rejects more than a day of windows', () => {
    expect(load('trailHealth:\n  windowSeconds: 7200\n  evaluationPeriods: 13\n').problems).toEqual([
      'env.yaml: trailHealth.evaluationPeriods: 13 windows of 7200 s exceed one day (86400 s): lower evaluationPeriods or windowSeconds (line 13)',
    ]);
  });
});
