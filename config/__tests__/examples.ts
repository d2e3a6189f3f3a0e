/**
 * The example environments the tests check, named one by one: a user's own file dropped into
 * config/ is not an example, and must never make the examples' tests fail (or pass) by being there.
 */
import * as path from 'node:path';
import { loadEnvironmentsOrThrow, type LoadedEnvironment } from '../load';

/** Example environments that create their own organization trail. */
export const CREATED_TRAIL_EXAMPLES = ['acme-prod', 'acme-sandbox', 'globex-prod'] as const;
/** Example environments on an organization trail that already exists. */
export const EXISTING_TRAIL_EXAMPLES = ['initech-controltower'] as const;
export const EXAMPLE_NAMES = [...CREATED_TRAIL_EXAMPLES, ...EXISTING_TRAIL_EXAMPLES] as const;

/** `config/<name>.yaml` of every example (relative to the project root, where jest runs). */
export function exampleFiles(dir = 'config'): string[] {
  return EXAMPLE_NAMES.map((name) => path.join(dir, `${name}.yaml`));
}

/** The examples, validated together (cross-environment checks included); throws on any problem. */
export function loadExamples(dir = 'config'): LoadedEnvironment[] {
  return loadEnvironmentsOrThrow(exampleFiles(dir));
}
