import { Lazy, Tokenization } from 'cdktf';
import { tokenTracesWanted, withoutTokenCreationTraces } from '../token-creation-traces';

/** The creation trace cdktf recorded for a new token (what it prints when the token fails to resolve). */
function creationTraceOfNewToken(): string[] {
  const token = Lazy.stringValue({ produce: () => 'value' });
  return [...Tokenization.reverseString(token).firstToken!.creationStack];
}

function namedFunctionThatThrows(): never {
  throw new Error('boom');
}

describe('withoutTokenCreationTraces', () => {
  it('records no creation trace for cdktf tokens, unless TRAILWATCH_DEBUG asks for them', () => {
    expect(creationTraceOfNewToken().length).toBeGreaterThan(2); // cdktf's default, outside the helper
    expect(withoutTokenCreationTraces(creationTraceOfNewToken, {})).toEqual([]);
    expect(withoutTokenCreationTraces(creationTraceOfNewToken, { TRAILWATCH_DEBUG: '0' })).toEqual([]);
    const kept = withoutTokenCreationTraces(creationTraceOfNewToken, { TRAILWATCH_DEBUG: '1' });
    expect(kept.join('\n')).toContain('token-creation-traces.test.ts');
  });

  it('leaves the stack of a real error as Node.js formats it', () => {
    const inside = withoutTokenCreationTraces(() => {
      try {
        namedFunctionThatThrows();
      } catch (e) {
        return (e as Error).stack!;
      }
    }, {});
    expect(inside.split('\n')[0]).toBe('Error: boom');
    expect(inside.split('\n')[1]).toMatch(/^ {4}at namedFunctionThatThrows \(.*token-creation-traces\.test\.ts:\d+:\d+\)$/);
  });

  it('restores Error.prepareStackTrace and source maps after the synth, also when it throws', () => {
    const before = Error.prepareStackTrace;
    const sourceMaps = process.sourceMapsEnabled;
    expect(() => withoutTokenCreationTraces(namedFunctionThatThrows, {})).toThrow('boom');
    expect(Error.prepareStackTrace).toBe(before);
    expect(process.sourceMapsEnabled).toBe(sourceMaps);
    expect(withoutTokenCreationTraces(() => 42, {})).toBe(42);
    expect(Error.prepareStackTrace).toBe(before);
  });

  it('reads TRAILWATCH_DEBUG: any value but empty or 0 keeps the traces', () => {
    expect([undefined, '', '0', '1', 'true'].map((v) => tokenTracesWanted(v === undefined ? {} : { TRAILWATCH_DEBUG: v }))).toEqual([false, false, false, true, true]);
  });
});
