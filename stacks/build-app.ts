import { App } from 'cdktf';
import type { LoadedEnvironment } from '../config/load';
import { ValidationError, formatProblem } from '../modules/common/errors';
import { EnvironmentStack, type EnvironmentStackOptions } from './environment-stack';

/** Thrown when constructs reject their input; carries one line per problem across all environments. */
export class BuildError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BuildError';
  }
}

/**
 * Builds one stack per environment. Every environment is built even when an earlier one fails, so a
 * single run reports all problems; nothing is synthesized (written) unless all succeed.
 */
export function buildApp(environments: readonly LoadedEnvironment[], app = new App(), options: EnvironmentStackOptions = {}): App {
  const problems: string[] = [];
  for (const { file, env } of environments) {
    try {
      new EnvironmentStack(app, env, options);
    } catch (e) {
      if (e instanceof ValidationError) problems.push(...e.problems.map((p) => formatProblem(file, p)));
      else throw e;
    }
  }
  if (problems.length > 0) throw new BuildError(problems);
  return app;
}
