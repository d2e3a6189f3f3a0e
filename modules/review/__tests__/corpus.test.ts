/** The review's sample events are the project's CloudTrail fixtures, and the copy is up to date. */
import * as fs from 'node:fs';
import { buildReviewCorpus } from '../../../__tests__/support/review-corpus';
import { CORPUS_FILE, matchSamples, sampleEvents } from '../corpus';

describe('review corpus (modules/review/corpus.json)', () => {
  it('is the current copy of __tests__/fixtures/cloudtrail (run `npm run review-corpus` when this fails)', () => {
    expect(fs.readFileSync(CORPUS_FILE, 'utf8')).toBe(buildReviewCorpus());
  });

  it('measures a pattern by the names of the sample events it matches', () => {
    const names = sampleEvents().map((e) => e.name);
    expect(names.length).toBeGreaterThan(100);
    const versioned = matchSamples('{ $.eventVersion = * }');
    if (!('matched' in versioned)) throw new Error('pattern did not parse');
    expect(versioned.matched.length).toBeGreaterThan(100);
    expect(versioned.matched.length).toBeLessThan(names.length); // trimmed records without eventVersion are left out
    const stop = matchSamples('{ ($.eventSource = cloudtrail.amazonaws.com) && ($.eventName = StopLogging) }');
    expect('matched' in stop && stop.matched).toEqual(expect.arrayContaining(['cloudtrail-stoplogging-denied-by-scp']));
    expect(matchSamples('{ $.eventName = ')).toEqual({ error: expect.stringMatching(/./) });
  });
});
