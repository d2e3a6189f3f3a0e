/**
 * Loads and validates environment config files before anything is built. Every problem in every
 * file is collected (not only the first), each as one line `file: field.path: value message (line N)`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { formatProblem, type Problem } from '../modules/common/errors';
import { environmentSchema, type Environment } from './environment-schema';
import { problemsFromZod } from './issues';
import { accessLogBucketName, logBucketName, stackName, stateLocation } from './naming';
import { semanticProblems, semanticWarnings } from './semantic-checks';

/** Where config is read from when TRAILWATCH_CONFIG is not set. */
export const DEFAULT_CONFIG_PATH = 'config';

/** A validated environment and the file it came from. */
export interface LoadedEnvironment {
  /** The file the environment came from, as given (relative paths stay relative). */
  readonly file: string;
  readonly env: Environment;
}

/** Every valid environment, and every problem of every file. */
export interface LoadResult {
  readonly environments: LoadedEnvironment[];
  /** Formatted one-line problems; empty when everything is valid. */
  readonly problems: string[];
  /** Formatted one-line warnings of the valid environments: probably not meant, but not fatal. */
  readonly warnings?: string[];
}

/** Thrown by loadEnvironmentsOrThrow: `message` holds one line per problem. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the trailwatch config:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

let cachedJsonSchema: object | undefined;
function jsonSchema(): object {
  cachedJsonSchema ??= z.toJSONSchema(environmentSchema, { io: 'input', unrepresentable: 'any' });
  return cachedJsonSchema;
}

/** The config files named by a file or folder path: `*.yaml` and `*.yml` in the folder, sorted. */
export function configFiles(target: string): string[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

/** Splits `a.b[0].c` back into path segments. */
function segments(fieldPath: string): (string | number)[] {
  return fieldPath.split(/\.|\[|\]/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Line of the field, or of its nearest parent that is written in the file (never the document root). */
function lineOf(doc: Document, counter: LineCounter, fieldPath: string): number | undefined {
  const path = segments(fieldPath);
  for (let n = path.length; n >= 1; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function located(file: string, doc: Document, counter: LineCounter, problem: Problem): string {
  const line = lineOf(doc, counter, problem.path);
  return `${formatProblem(file, problem)}${line ? ` (line ${line})` : ''}`;
}

/** Parses and validates one file. Returns the environment or the problems, never throws for bad input. */
export function loadFile(file: string): { env?: Environment; problems: string[]; warnings?: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [`${file}: cannot be read: ${(e as Error).message}`] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        // The yaml library ends its first line with its own ` at line L, column C:` (the excerpt follows): said once, in front.
        const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '');
        return `${file}: malformed YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${what}`;
      }),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [`${file}: must be a YAML mapping of environment fields (name, organizationId, ...)`] };
  }
  const parsed = environmentSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { problems: problemsFromZod(parsed.error.issues, jsonSchema()).map((p) => located(file, doc, counter, p)) };
  }
  const semantic = semanticProblems(parsed.data).map((p) => located(file, doc, counter, p));
  if (semantic.length) return { problems: semantic };
  return { env: parsed.data, problems: [], warnings: semanticWarnings(parsed.data).map((p) => located(file, doc, counter, p)) };
}

/** Checks that no two environments would produce the same stack, S3 bucket or state file. */
function crossEnvironmentProblems(loaded: LoadedEnvironment[]): string[] {
  const problems: string[] = [];
  const claims: [string, (e: Environment) => string[]][] = [
    ['name', (e) => [e.name]],
    ['stack name', (e) => [stackName(e)]],
    ['S3 bucket name (trail.bucketName / trail.accessLogBucketName)', (e) => (e.existingTrail ? [] : [logBucketName(e), accessLogBucketName(e)])],
    ['Terraform state location (state.bucket + state.keyPrefix)', (e) => [stateLocation(e)]],
  ];
  for (const [what, namesOf] of claims) {
    const seen = new Map<string, string>();
    for (const { file, env } of loaded) {
      for (const value of new Set(namesOf(env))) {
        const first = seen.get(value);
        if (first !== undefined) {
          problems.push(`${file}: ${what} "${value}" is already used by ${first}: every environment needs its own (change name or namingPrefix)`);
        } else seen.set(value, file);
      }
    }
  }
  for (const { file, env } of loaded) {
    if (!env.existingTrail && logBucketName(env) === accessLogBucketName(env)) {
      problems.push(`${file}: trail.accessLogBucketName: must differ from the log bucket "${logBucketName(env)}" (S3 must not log into the bucket it logs)`);
    }
  }
  return problems;
}

/** Loads every environment under `target` (a file or a folder), or exactly the files listed. */
export function loadEnvironments(target: string | readonly string[] = process.env.TRAILWATCH_CONFIG || DEFAULT_CONFIG_PATH): LoadResult {
  const files = typeof target === 'string' ? configFiles(target) : [...target];
  if (files.length === 0) {
    return { environments: [], problems: [`${target}: no environment config found: expected a .yaml file or a folder of them (set TRAILWATCH_CONFIG)`] };
  }
  const environments: LoadedEnvironment[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const result = loadFile(file);
    problems.push(...result.problems);
    warnings.push(...(result.warnings ?? []));
    if (result.env) environments.push({ file, env: result.env });
  }
  problems.push(...crossEnvironmentProblems(environments));
  return { environments, problems, warnings };
}

/** Like loadEnvironments, but throws a ConfigError (one line per problem) instead of returning problems. */
export function loadEnvironmentsOrThrow(target?: string | readonly string[]): LoadedEnvironment[] {
  const result = loadEnvironments(target);
  if (result.problems.length > 0) throw new ConfigError(result.problems);
  return result.environments;
}
