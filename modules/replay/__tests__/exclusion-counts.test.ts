import { compileMatcher, parsePattern } from '../../patterns';
import { requiredEventNames } from '../event-name-index';
import { ExclusionCounter } from '../exclusion-counts';

const compile = (p: string) => compileMatcher(parsePattern(p));
const names = (p: string) => requiredEventNames(parsePattern(p));

describe('ExclusionCounter', () => {
  const spec = {
    detectionId: 'd',
    basePattern: '{ ($.eventName = "A") || ($.eventName = "B") }',
    exclusions: [
      { source: 'exclusions.d[0]', label: 'scanner', condition: '($.user NOT EXISTS) || ($.user != "scanner")' },
      { source: 'exclusions.d[1]', label: 'B calls', condition: '$.eventName != "B"' },
    ],
  };

  it('counts, per exclusion, events the base pattern matches and the exclusion leaves out (an event under each that removes it)', () => {
    for (const eventNames of [undefined, names]) {
      const c = new ExclusionCounter([spec], compile, eventNames);
      for (const e of [
        { eventName: 'A', user: 'scanner' }, // removed by [0]
        { eventName: 'B', user: 'scanner' }, // removed by [0] and [1]
        { eventName: 'B' }, // removed by [1]; no user: kept by [0]
        { eventName: 'A' }, // kept
        { eventName: 'C', user: 'scanner' }, // not matched by the base pattern: not counted
        'not json',
      ]) {
        c.handle(e);
      }
      expect(c.report().get('d')!.map((x) => [x.source, x.removed])).toEqual([
        ['exclusions.d[0]', 2],
        ['exclusions.d[1]', 2],
      ]);
    }
  });

  it('leaves out detections without exclusions', () => {
    expect(new ExclusionCounter([{ ...spec, exclusions: [] }], compile).report().size).toBe(0);
  });
});
