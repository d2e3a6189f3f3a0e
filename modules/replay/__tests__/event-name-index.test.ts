import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtInDetections } from '../../detections/catalogue';
import { compileMatcher, parsePattern } from '../../patterns';
import { EventNameIndex, requiredEventNames } from '../event-name-index';
import { runReplay } from '../replay';
import { writeCorruptLogs, writeSampleLogs } from './sample-logs';

const names = (pattern: string) => {
  const r = requiredEventNames(parsePattern(pattern));
  return r ? [...r].sort() : undefined;
};

describe('requiredEventNames', () => {
  it('collects exact $.eventName values through && and ||', () => {
    expect(names('{ $.eventName = "ConsoleLogin" }')).toEqual(['ConsoleLogin']);
    expect(names('{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }')).toEqual(['ConsoleLogin']);
    expect(names('{ ($.eventName = A) || ($.eventName = B) || ($.eventName = C) }')).toEqual(['A', 'B', 'C']);
    expect(names('{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }')).toEqual(['DisableKey', 'ScheduleKeyDeletion']);
    expect(names('{ ($.eventName = A || $.eventName = B) && ($.eventName = B || $.eventName = C) }')).toEqual(['B']);
  });

  it('gives no requirement when a match does not need a known name', () => {
    expect(names('{ $.userIdentity.type = "Root" }')).toBeUndefined();
    expect(names('{ ($.eventName = A) || ($.errorCode = "AccessDenied*") }')).toBeUndefined(); // one side needs no name
    expect(names('{ $.eventName = "Delete*" }')).toBeUndefined(); // wildcard
    expect(names('{ $.eventName != "ConsoleLogin" }')).toBeUndefined();
    expect(names('{ $.requestParameters.eventName = "X" }')).toBeUndefined(); // another field of that name
    expect(names('ConsoleLogin')).toBeUndefined(); // term pattern
  });

  it('finds a requirement for most built-in detections (the point of the index)', () => {
    const constrained = builtInDetections('securityHub').filter((d) => requiredEventNames(parsePattern(d.pattern)) !== undefined);
    expect(constrained.length).toBeGreaterThanOrEqual(12);
  });
});

describe('EventNameIndex', () => {
  const index = new EventNameIndex([new Set(['A']), undefined, new Set(['A', 'B'])]);
  it('runs the detections that can match the name, plus those without a requirement', () => {
    expect(index.candidates('A')).toEqual([0, 1, 2]);
    expect(index.candidates('B')).toEqual([1, 2]);
    expect(index.candidates('Other')).toEqual([1]);
    expect(index.candidates(undefined)).toEqual([0, 1, 2]);
    expect(index.candidates(42)).toEqual([0, 1, 2]);
  });
});

describe('replay with the index gives exactly the result without it', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-replay-index-'));
    writeSampleLogs(dir);
    writeCorruptLogs(dir);
    // and every record of the project's CloudTrail fixtures, when present
    const fixtures = path.resolve(__dirname, '../../../__tests__/fixtures/cloudtrail');
    if (fs.existsSync(fixtures)) {
      const records = fs.readdirSync(fixtures).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')).event);
      fs.writeFileSync(path.join(dir, 'fixtures.json'), JSON.stringify({ Records: records }));
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['securityHub', 'tuned'] as const)('%s mode, every built-in detection', async (mode) => {
    const detections = builtInDetections(mode);
    const compile = (p: string) => compileMatcher(parsePattern(p));
    const without = await runReplay([dir], { detections, compile });
    const withIndex = await runReplay([dir], { detections, compile, eventNames: (p) => requiredEventNames(parsePattern(p)) });
    expect(withIndex).toEqual(without);
    expect(without.detections.reduce((n, d) => n + d.matched, 0)).toBeGreaterThan(20);
  });
});
