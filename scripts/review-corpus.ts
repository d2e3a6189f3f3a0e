/** `npm run review-corpus`: regenerates modules/review/corpus.json from __tests__/fixtures/cloudtrail. */
import * as fs from 'node:fs';
import { CORPUS_FILE } from '../modules/review/corpus';
import { buildReviewCorpus } from '../__tests__/support/review-corpus';

fs.writeFileSync(CORPUS_FILE, buildReviewCorpus());
process.stdout.write(`wrote ${CORPUS_FILE}\n`);
