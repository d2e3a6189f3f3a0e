/**
 * Builds `modules/review/corpus.json` (the sample events `trailwatch review` measures changed filter
 * patterns against) from the CloudTrail fixtures. Written by `npm run review-corpus`; the staleness
 * test in modules/review/__tests__/corpus.test.ts compares the file with this function's output.
 */
import { loadCloudTrailFixtures } from './fixtures';

/** The corpus file's text: one `{ name, event }` per fixture, in file order, one per line. */
export function buildReviewCorpus(): string {
  const lines = loadCloudTrailFixtures().map((f) => JSON.stringify({ name: f.name, event: f.event }));
  return `[\n${lines.join(',\n')}\n]\n`;
}
