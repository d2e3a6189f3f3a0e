/**
 * `trailwatch review <plan.json...> [--out file] [--fail-on list]`: Markdown for a pull-request
 * comment from the JSON of saved plans (`terraform show -json <planfile>`, one per stack), see
 * modules/review. Plans are read one at a time, so memory follows the largest plan, not their number.
 * Exit codes: 0 reviewed (and no --fail-on gate tripped), 1 unreadable input, 2 a --fail-on gate tripped.
 */
import * as fs from 'node:fs';
import { type Gate, evaluateGates, parseGates, readPlan, renderComment, reviewPlan, type StackReview } from '../modules/review';
import { PLAN_SECTIONS, parseTopLevel } from '../modules/review/plan-text';

/** Exit code when a `--fail-on` gate trips (1 is bad input). */
export const GATE_EXIT_CODE = 2;

export interface ReviewCliOptions {
  out?: string;
  failOn?: string;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    // Only the sections the review reads are parsed (modules/review/plan-text.ts); a state file's
    // `values` is kept so that readPlan can say what the file is instead.
    const { values, present } = parseTopLevel(text, PLAN_SECTIONS);
    if (present.has('values') && !present.has('resource_changes')) return { ...values, values: true };
    if (present.has('planned_values')) values.planned_values = true;
    return present.size === 0 ? JSON.parse(text) : values;
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message}); give the output of \`terraform show -json <planfile>\``);
  }
}

/** Reviews the plans and returns the comment and the exit code; writes nothing. */
export function review(files: readonly string[], failOn: readonly Gate[] = []): { markdown: string; exitCode: number; reviews: StackReview[] } {
  const reviews = files.map((file) => reviewPlan(readPlan(readJson(file), file), file));
  const gate = failOn.length ? evaluateGates(reviews, failOn) : undefined;
  const markdown = renderComment(reviews, { gate });
  return { markdown, reviews, exitCode: gate && gate.tripped.size > 0 ? GATE_EXIT_CODE : 0 };
}

export function reviewCommand(files: string[], options: ReviewCliOptions): void {
  const failOn = options.failOn === undefined ? [] : parseGates(options.failOn);
  const { markdown, exitCode, reviews } = review(files, failOn);
  if (options.out) fs.writeFileSync(options.out, markdown);
  else process.stdout.write(markdown);
  const stops = reviews.reduce((n, s) => n + s.findings.filter((f) => f.section === 'stop').length, 0);
  process.stderr.write(`trailwatch review: ${reviews.length} plan${reviews.length === 1 ? '' : 's'}, ${stops} stop sign${stops === 1 ? '' : 's'}${options.out ? `, written to ${options.out}` : ''}\n`);
  if (exitCode !== 0) process.stderr.write(`trailwatch review: --fail-on ${failOn.join(',')} tripped; exit code ${exitCode}\n`);
  process.exitCode = exitCode;
}
