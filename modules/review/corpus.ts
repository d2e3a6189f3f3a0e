/**
 * The sample CloudTrail events a changed filter pattern is measured against: a compact copy of the
 * project's fixture corpus (`__tests__/fixtures/cloudtrail/`), kept in `corpus.json` beside this file
 * because the review runs where the test fixtures are not (an installed package, a pipeline).
 * `npm run review-corpus` regenerates it; a test fails when it is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FilterPattern, compileMatcher, tryParsePattern } from '../patterns';

/** One sample event: the fixture's name and the CloudTrail record. */
export interface CorpusEvent {
  readonly name: string;
  readonly event: Record<string, unknown>;
}

export const CORPUS_FILE = path.join(__dirname, 'corpus.json');

let loaded: readonly CorpusEvent[] | undefined;

/** The corpus, read once per process. */
export function sampleEvents(): readonly CorpusEvent[] {
  loaded ??= JSON.parse(fs.readFileSync(CORPUS_FILE, 'utf8')) as CorpusEvent[];
  return loaded;
}

/** The names of the sample events a pattern matches, or the pattern's syntax error. */
export type PatternSample = { readonly matched: readonly string[] } | { readonly error: string };

const cache = new Map<string, PatternSample>();

/**
 * Runs a pattern over the corpus. Cached by pattern text: the same changed pattern in 100 stacks is
 * measured once.
 */
export function matchSamples(pattern: string, events: readonly CorpusEvent[] = sampleEvents()): PatternSample {
  const key = events === loaded ? pattern : undefined;
  const hit = key !== undefined ? cache.get(key) : undefined;
  if (hit) return hit;
  const parsed = tryParsePattern(pattern);
  let result: PatternSample;
  if (parsed.error) result = { error: parsed.error.message };
  else {
    const match = compileMatcher(parsed.pattern as FilterPattern);
    result = { matched: events.filter((e) => match(e.event)).map((e) => e.name) };
  }
  if (key !== undefined) cache.set(key, result);
  return result;
}
