/**
 * The README's "Tuning per environment" example is what users copy: it must load, and its
 * exclusions must keep every event that lacks the excluded field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configDir, validYaml } from '../../../config/__tests__/helpers';
import { loadFile } from '../../../config/load';
import { matches, parsePattern } from '../../patterns';
import { missingFieldTraps } from '../missing-fields';
import { resolveDetections } from '../../../config/modules/detections/resolve';

function tuningExample(): string {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Tuning per environment'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no yaml block under "### Tuning per environment"');
  return block[1];
}

describe('README tuning example', () => {
  const dir = configDir({ 'env.yaml': `${validYaml()}${tuningExample()}` });
  const result = loadFile(path.join(dir, 'env.yaml'));

  it('loads without problems or warnings', () => {
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('excludes only what it says: the scanner and Macie, never an IAM user without sessionContext', () => {
    const resolved = resolveDetections(result.env!.detections);
    for (const r of resolved) for (const x of r.exclusions) expect(missingFieldTraps(`{ ${x.condition} }`)).toEqual([]);
    const p = parsePattern(resolved.find((r) => r.detection.id === 'unauthorized-api-calls')!.detection.pattern);
    const denied = { eventSource: 'iam.amazonaws.com', eventName: 'GetRole', errorCode: 'AccessDenied', sourceIPAddress: '203.0.113.9' };
    expect(matches(p, { ...denied, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice' } })).toBe(true);
    expect(matches(p, { ...denied, userIdentity: { type: 'Root', arn: 'arn:aws:iam::111111111111:root' } })).toBe(true);
    const scanner = { type: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/GlobexScanner/s', sessionContext: { sessionIssuer: { userName: 'GlobexScanner' } } };
    expect(matches(p, { ...denied, userIdentity: scanner })).toBe(false);
    const macie = { eventSource: 'macie2.amazonaws.com', eventName: 'GetMacieSession', errorCode: 'AccessDeniedException', sourceIPAddress: '203.0.113.9' };
    expect(matches(p, { ...macie, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice' } })).toBe(false);
    expect(matches(p, { ...macie, eventName: 'ListFindings', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice' } })).toBe(true);
  });
});
