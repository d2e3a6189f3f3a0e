/**
 * One problem found in user input: where it is (a dotted field path, e.g. `trail.retentionDays`)
 * and what is wrong with it, phrased so that the message also says what is allowed.
 */
export interface Problem {
  /** Dotted path of the offending field, relative to the subject (`""` for the subject itself). */
  readonly path: string;
  /** What is wrong and what would be accepted instead. */
  readonly message: string;
}

/**
 * Thrown when user input (a config file, construct props, a custom detection) is invalid.
 * It carries every problem found, not only the first, so one run reports them all.
 */
export class ValidationError extends Error {
  constructor(
    /** What was validated: a file name, or a construct path such as `acme-prod/trail`. */
    public readonly subject: string,
    public readonly problems: readonly Problem[],
  ) {
    super(problems.map((p) => formatProblem(subject, p)).join('\n'));
    this.name = 'ValidationError';
  }
}

/** `subject: path: message`, the one-line format every trailwatch error uses. */
export function formatProblem(subject: string, problem: Problem): string {
  const where = problem.path ? `${problem.path}: ` : '';
  return `${subject}: ${where}${problem.message}`;
}

/** Throws a ValidationError when `problems` is not empty. */
export function throwIfProblems(subject: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
