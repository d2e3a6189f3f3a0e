/**
 * Checks that need more than one field or a module's own rules (a detection override for an
 * unknown id, a severity that routes nowhere). They run after the schema and before any construct.
 */
import type { Problem } from '../modules/common/errors';
import type { Environment } from './environment-schema';
import { sectionChecks, sectionWarnings } from './sections';

export function semanticProblems(env: Environment): Problem[] {
  return sectionChecks.flatMap((check) => check(env));
}

/** Warnings of a valid environment (see sectionWarnings). */
export function semanticWarnings(env: Environment): Problem[] {
  return sectionWarnings.flatMap((warn) => warn(env));
}
