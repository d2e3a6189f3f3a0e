/**
 * The tuning examples are what users copy: the full one of docs/tuning.md ("Tuning per environment")
 * and the short one of the README ("Detections"). Both must load, and their exclusions must keep every
 * event that lacks the excluded field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configDir, validYaml } from '../../../config/__tests__/helpers';
import { loadFile } from '../../../config/load';
import { matches, parsePattern } from '../../patterns';
import { missingFieldTraps } from '../missing-fields';
import { resolveDetections } from '../../../config/modules/detections/resolve';

/** The first yaml block after `heading` (a whole line) in `file`. */
function yamlExample(file: string, heading: string): string {
  const text = fs.readFileSync(path.resolve(__dirname, '../../..', file), 'utf8');
  const at = text.split('\n').indexOf(heading);
  if (at < 0) throw new Error(`${file} has no heading "${heading}"`);
  const block = /```yaml\n([\s\S]*?)```/.exec(text.split('\n').slice(at).join('\n'));
  if (!block) throw new Error(`no yaml block under "${heading}" in ${file}`);
  return block[1];
}

const load = (example: string) => loadFile(path.join(configDir({ 'env.yaml': `${validYaml()}${example}` }), 'env.yaml'));

describe('the README\'s short tuning example (Detections)', () => {
  it('loads without problems or warnings, with its exclusion keeping events that lack the field', () => {
    const result = load(yamlExample('README.md', '## Detections'));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    const resolved = resolveDetections(result.env!.detections);
    expect(resolved.flatMap((r) => r.exclusions)).not.toEqual([]);
    for (const r of resolved) for (const x of r.exclusions) expect(missingFieldTraps(`{ ${x.condition} }`)).toEqual([]);
  });
});

describe('the tuning example of docs/tuning.md', () => {
  const result = load(yamlExample('docs/tuning.md', '## Tuning per environment'));

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
