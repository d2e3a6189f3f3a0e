import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectationFor, loadCloudTrailFixtures, parseCloudTrailFixture, type CloudTrailFixture } from '../fixtures';

const good = {
  name: 'x',
  source: 'written from the AWS CloudTrail documentation of ConsoleLogin',
  expect: { 'root-usage': true, 'console-sign-in-failures': false },
  expectTuned: { 'console-sign-in-failures': true },
  event: { eventName: 'ConsoleLogin' },
};

describe('parseCloudTrailFixture', () => {
  test('accepts a well-formed fixture', () => {
    const { fixture, problems } = parseCloudTrailFixture('x.json', JSON.stringify(good));
    expect(problems).toEqual([]);
    expect(fixture).toMatchObject({ file: 'x.json', name: 'x', expect: good.expect, expectTuned: good.expectTuned });
  });

  test('reports every problem of a malformed fixture, naming file and field', () => {
    const bad = { name: '', expect: { 'root-usage': 'yes' }, event: [], extra: 1 };
    const { fixture, problems } = parseCloudTrailFixture('bad.json', JSON.stringify(bad));
    expect(fixture).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        'bad.json: unknown field "extra" (allowed: name, source, notes, expect, expectTuned, event)',
        'bad.json: name must be a non-empty string',
        'bad.json: source must be a non-empty string',
        'bad.json: expect.root-usage must be true or false, got "yes"',
        'bad.json: event must be one CloudTrail record (a JSON object)',
      ]),
    );
  });

  test('rejects a fixture without expectations and text that is not JSON', () => {
    expect(parseCloudTrailFixture('e.json', JSON.stringify({ ...good, expect: {}, expectTuned: undefined })).problems).toEqual([
      'e.json: expect names no detection: a fixture without expectations tests nothing',
    ]);
    expect(parseCloudTrailFixture('j.json', '{ nope').problems[0]).toMatch(/^j\.json: not valid JSON/);
  });
});

describe('expectationFor', () => {
  const f = parseCloudTrailFixture('x.json', JSON.stringify(good)).fixture as CloudTrailFixture;
  test('expectTuned overrides expect in tuned mode only', () => {
    expect(expectationFor(f, 'console-sign-in-failures', 'securityHub')).toBe(false);
    expect(expectationFor(f, 'console-sign-in-failures', 'tuned')).toBe(true);
    expect(expectationFor(f, 'root-usage', 'tuned')).toBe(true);
    expect(expectationFor(f, 'vpc-changes', 'securityHub')).toBeUndefined();
  });
});

describe('loadCloudTrailFixtures', () => {
  test('loads the project fixtures', () => {
    const fixtures = loadCloudTrailFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(100);
    expect(fixtures.every((f) => f.file.endsWith('.json') && typeof f.event === 'object')).toBe(true);
  });

  test('fails on a malformed file and on duplicate names, listing them all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixtures-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(good));
      fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(good));
      fs.writeFileSync(path.join(dir, 'c.json'), '[]');
      expect(() => loadCloudTrailFixtures(dir)).toThrow(/b\.json: name "x" is also used by a\.json\nc\.json: must be a JSON object/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
