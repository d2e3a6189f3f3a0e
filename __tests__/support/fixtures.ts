/**
 * Loads the CloudTrail fixture events (`__tests__/fixtures/cloudtrail/*.json`, format in
 * `__tests__/fixtures/README.md`): the ground truth that the built-in detections' patterns are checked
 * against. A malformed file fails loudly, naming the file and the field, instead of silently dropping
 * its expectations.
 */
import fs from 'node:fs';
import path from 'node:path';

export const CLOUDTRAIL_FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'cloudtrail');

/** The compliance modes a fixture's expectations can differ by (modules/detections/catalogue). */
export type FixtureMode = 'securityHub' | 'tuned';

export interface CloudTrailFixture {
  /** File name inside `__tests__/fixtures/cloudtrail/`. */
  readonly file: string;
  readonly name: string;
  /** Where the event comes from: a documentation page, a public test case, a seed document. */
  readonly source: string;
  /** Why an expectation is what it is, where that is not obvious. */
  readonly notes?: string;
  /** Detection id -> must match (true) or must not match (false), in every compliance mode. */
  readonly expect: Readonly<Record<string, boolean>>;
  /** Detection id -> expectation in `tuned` mode where it differs from `expect`. */
  readonly expectTuned?: Readonly<Record<string, boolean>>;
  /** One CloudTrail record as CloudTrail delivers it to CloudWatch Logs. */
  readonly event: Record<string, unknown>;
}

const KNOWN_KEYS = new Set(['name', 'source', 'notes', 'expect', 'expectTuned', 'event']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function booleanMap(file: string, field: string, v: unknown, problems: string[]): Record<string, boolean> {
  if (!isPlainObject(v)) {
    problems.push(`${file}: ${field} must be an object of detection id -> true|false`);
    return {};
  }
  for (const [id, b] of Object.entries(v)) {
    if (typeof b !== 'boolean') problems.push(`${file}: ${field}.${id} must be true or false, got ${JSON.stringify(b)}`);
  }
  return v as Record<string, boolean>;
}

/** Parses and checks one fixture file's text; returns the problems instead of throwing. */
export function parseCloudTrailFixture(file: string, text: string): { fixture?: CloudTrailFixture; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { problems: [`${file}: not valid JSON (${(e as Error).message})`] };
  }
  if (!isPlainObject(raw)) return { problems: [`${file}: must be a JSON object`] };
  for (const key of Object.keys(raw)) if (!KNOWN_KEYS.has(key)) problems.push(`${file}: unknown field "${key}" (allowed: ${[...KNOWN_KEYS].join(', ')})`);
  for (const key of ['name', 'source'] as const) {
    if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') problems.push(`${file}: ${key} must be a non-empty string`);
  }
  if (raw.notes !== undefined && typeof raw.notes !== 'string') problems.push(`${file}: notes must be a string`);
  const expect = booleanMap(file, 'expect', raw.expect, problems);
  const expectTuned = raw.expectTuned === undefined ? undefined : booleanMap(file, 'expectTuned', raw.expectTuned, problems);
  if (Object.keys(expect).length === 0 && Object.keys(expectTuned ?? {}).length === 0) {
    problems.push(`${file}: expect names no detection: a fixture without expectations tests nothing`);
  }
  if (!isPlainObject(raw.event)) problems.push(`${file}: event must be one CloudTrail record (a JSON object)`);
  if (problems.length > 0) return { problems };
  return {
    fixture: {
      file,
      name: raw.name as string,
      source: raw.source as string,
      ...(raw.notes !== undefined ? { notes: raw.notes as string } : {}),
      expect,
      ...(expectTuned ? { expectTuned } : {}),
      event: raw.event as Record<string, unknown>,
    },
    problems,
  };
}

/** Every fixture, sorted by file name; throws with every problem of every malformed file. */
export function loadCloudTrailFixtures(dir: string = CLOUDTRAIL_FIXTURES_DIR): CloudTrailFixture[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const fixtures: CloudTrailFixture[] = [];
  const problems: string[] = [];
  const names = new Map<string, string>();
  for (const file of files) {
    const parsed = parseCloudTrailFixture(file, fs.readFileSync(path.join(dir, file), 'utf8'));
    problems.push(...parsed.problems);
    if (!parsed.fixture) continue;
    const other = names.get(parsed.fixture.name);
    if (other) problems.push(`${file}: name "${parsed.fixture.name}" is also used by ${other}`);
    names.set(parsed.fixture.name, file);
    fixtures.push(parsed.fixture);
  }
  if (problems.length > 0) throw new Error(`CloudTrail fixtures in ${dir}:\n${problems.join('\n')}`);
  return fixtures;
}

/**
 * What `fixture` expects of detection `id` in compliance `mode`: `expectTuned` overrides `expect` in
 * tuned mode; undefined when the fixture says nothing about that detection.
 */
export function expectationFor(fixture: CloudTrailFixture, id: string, mode: FixtureMode): boolean | undefined {
  if (mode === 'tuned' && fixture.expectTuned && id in fixture.expectTuned) return fixture.expectTuned[id];
  return id in fixture.expect ? fixture.expect[id] : undefined;
}
