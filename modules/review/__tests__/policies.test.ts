/**
 * Statement-by-statement policy comparison on the cases the update fixtures do not cover: a wildcard
 * principal or action added, a source condition dropped, a Deny narrowed. The policies start from the
 * real alert topic policy of acme-prod's create-plan, edited as a pull request could.
 */
import { policyChanges } from '../policies';
import { readPlan } from '../plan';
import { fixtureJson } from './support/plans';

const created = fixtureJson('acme-prod.create.json');
const pager = created.resource_changes.find((r: any) => r.type === 'aws_sns_topic' && r.change.after.name === 'acme-acme-prod-pager');
const original = JSON.parse(pager.change.after.policy);

/** An update plan of the pager topic from the real policy to `edit(policy)`. */
function topicUpdate(edit: (doc: any) => void) {
  const after = JSON.parse(JSON.stringify(original));
  edit(after);
  const change = { ...pager.change, actions: ['update'], before: pager.change.after, after: { ...pager.change.after, policy: JSON.stringify(after) } };
  return policyChanges(readPlan({ format_version: '1.2', resource_changes: [{ ...pager, change }] }, 'test.json'));
}

describe('policy changes', () => {
  it('the real topic policy has statements to edit', () => {
    expect(original.Statement.length).toBeGreaterThanOrEqual(2);
  });

  it('names a wildcard principal added to an Allow as weakening', () => {
    const [finding] = topicUpdate((doc) => {
      doc.Statement[0].Principal = '*';
    });
    expect(finding.weakening).toBe(true);
    expect(finding.text).toMatch(/^Topic `acme-acme-prod-pager`, statement `\w+`: principals added `\*` \(\*\*wildcard principal\*\*\)\.$/);
  });

  it('names a source condition dropped from an Allow as weakening', () => {
    const withCondition = original.Statement.findIndex((s: any) => JSON.stringify(s.Condition ?? {}).includes('aws:Source'));
    expect(withCondition).toBeGreaterThanOrEqual(0);
    const findings = topicUpdate((doc) => {
      delete doc.Statement[withCondition].Condition;
    });
    expect(findings.map((f) => f.weakening)).toEqual(findings.map(() => true));
    expect(findings.map((f) => f.text).join('\n')).toContain('(**source condition dropped**)');
  });

  it('names a condition that accepts one more source as weakening (not a resource this plan creates)', () => {
    const i = original.Statement.findIndex((s: any) => JSON.stringify(s.Condition ?? {}).includes('aws:Source'));
    const findings = topicUpdate((doc) => {
      const [op, entries] = Object.entries(doc.Statement[i].Condition)[0] as [string, Record<string, unknown>];
      const [key, value] = Object.entries(entries)[0];
      doc.Statement[i].Condition[op][key] = [...([] as unknown[]).concat(value), 'arn:aws:s3:::someone-elses-bucket'];
    });
    expect(findings.map((f) => [f.weakening, f.text.replace(/^.*?: condition/, 'condition')])).toEqual([
      [true, expect.stringMatching(/^condition `\w+ aws:Source\w+` now also accepts `arn:aws:s3:::someone-elses-bucket`\.$/)],
    ]);
  });

  it('names a new Allow statement with a wildcard action as weakening, a Deny added as not weakening', () => {
    const findings = topicUpdate((doc) => {
      doc.Statement.push({ Sid: 'DenyHttp', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      doc.Statement.push({ Sid: 'Everything', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sns:*', Resource: '*' });
    });
    expect(findings.map((f) => [f.weakening, f.text.replace(/ \(.*$/, '')])).toEqual([
      [false, 'Topic `acme-acme-prod-pager`: Deny statement `DenyHttp` added'],
      [true, 'Topic `acme-acme-prod-pager`: Allow statement `Everything` added with a **wildcard**'],
    ]);
  });

  it('reads a Deny that denies less (actions removed, condition added) as weakening', () => {
    const base = JSON.parse(JSON.stringify(original));
    base.Statement.push({ Sid: 'DenyHttp', Effect: 'Deny', Principal: '*', Action: ['sns:Publish', 'sns:Subscribe'], Resource: '*' });
    const before = { ...pager.change.after, policy: JSON.stringify(base) };
    base.Statement[base.Statement.length - 1].Action = ['sns:Publish'];
    base.Statement[base.Statement.length - 1].Condition = { Bool: { 'aws:SecureTransport': 'false' } };
    const change = { ...pager.change, actions: ['update'], before, after: { ...before, policy: JSON.stringify(base) } };
    const findings = policyChanges(readPlan({ format_version: '1.2', resource_changes: [{ ...pager, change }] }, 'test.json'));
    expect(findings.map((f) => [f.weakening, f.text])).toEqual([
      [true, 'Topic `acme-acme-prod-pager`, statement `DenyHttp`: actions removed `sns:Subscribe`.'],
      [true, 'Topic `acme-acme-prod-pager`, statement `DenyHttp`: conditions added `Bool aws:SecureTransport = false`.'],
    ]);
  });
});
