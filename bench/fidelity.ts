/**
 * The synth benchmark's fidelity check: the faithful floor (bench/floor-app.cjs) is only a floor if it
 * synthesizes exactly what trailwatch does. Each stack's cdk.tf.json must deep-equal trailwatch's once
 * every "//" key is removed: those hold cdktf metadata (construct paths, stack traces settings, the
 * outputs' construct tree), which differ because the floor builds everything at the top of the stack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A JSON value without its "//" metadata keys, at any depth. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, item]) => [key, withoutMetadata(item)]),
  );
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 160));

/** The JSON path of the first place where `expected` and `actual` differ, with both values there; undefined when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, at = '$'): string | undefined {
  const bothObjects = typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return Object.is(expected, actual) ? undefined : `${at}: expected ${show(expected)}, got ${show(actual)}`;
  }
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const key of keys) {
    const next = Array.isArray(expected) ? `${at}[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
    const difference = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], next);
    if (difference) return difference;
  }
  return undefined;
}

/** The files under a stack folder's `assets/`, relative to the stack folder, posix separators. */
export function assetFiles(stackDir: string): string[] {
  const assets = path.join(stackDir, 'assets');
  if (!fs.existsSync(assets)) return [];
  return (fs.readdirSync(assets, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(stackDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Each stack's cdk.tf.json under a cdktf output directory, by stack name. */
export function synthesizedStacks(outdir: string): Map<string, unknown> {
  const stacksDir = path.join(outdir, 'stacks');
  return new Map(fs.readdirSync(stacksDir).map((name) => [name, JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'))]));
}

/** Throws, naming the stack and the first differing JSON path, unless both outputs hold the same stacks with the same JSON but for "//". Returns the number of stacks compared. */
export function assertSameSynth(trailwatchOutdir: string, floorOutdir: string): number {
  const ours = synthesizedStacks(trailwatchOutdir);
  const floor = synthesizedStacks(floorOutdir);
  const names = [...ours.keys()].sort();
  if (names.join() !== [...floor.keys()].sort().join()) throw new Error(`the floor synthesized stacks ${[...floor.keys()].join(', ')}, trailwatch ${names.join(', ')}`);
  for (const name of names) {
    const difference = firstDifference(withoutMetadata(ours.get(name)), withoutMetadata(floor.get(name)));
    if (difference) throw new Error(`the floor's stack ${name} is not trailwatch's (without "//"): at ${difference} (expected: trailwatch, got: floor)`);
    // The files the stack ships (the notification function's zip): the same paths, the same bytes.
    const [ourAssets, floorAssets] = [trailwatchOutdir, floorOutdir].map((outdir) => assetFiles(path.join(outdir, 'stacks', name)));
    if (ourAssets.join() !== floorAssets.join()) throw new Error(`the floor's stack ${name} ships assets ${floorAssets.join(', ') || 'none'}, trailwatch's ${ourAssets.join(', ') || 'none'}`);
    for (const file of ourAssets) {
      if (!fs.readFileSync(path.join(trailwatchOutdir, 'stacks', name, file)).equals(fs.readFileSync(path.join(floorOutdir, 'stacks', name, file)))) {
        throw new Error(`the floor's stack ${name}: ${file} differs from trailwatch's`);
      }
    }
  }
  return names.length;
}
