/**
 * Synth benchmark: wall time and peak RSS of the synth `npm run synth` runs (node dist/main.js, the
 * compiled app; built first when stale) for the example config and for a generated config of 100
 * environments, against two floors built from trailwatch's own output:
 * - the floor (bench/floor-app.cjs): a plain JavaScript app that builds the same providers, resources
 *   and outputs with the same provider classes the way a hand-written cdktf app does (typed props,
 *   references and dependsOn as tokens) and no validation. Its cdk.tf.json must equal trailwatch's
 *   (bench/fidelity.ts). Targets: within 1.5x of it for the examples, 1.2x for 100 environments.
 * - the raw floor (bench/floor-raw.cjs), a lower bound: the same classes with the JSON written as raw
 *   overrides, so no tokens at all; cheaper than any cdktf app producing that output.
 * The machine's load average is printed with the results: on a shared machine the ratios are what to
 * read, not the times.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configFiles } from '../config/load';
import { assertSameSynth } from './fidelity';

/** What the floor app builds: each stack's synthesized cdk.tf.json. */
export interface FloorSpec {
  stacks: { name: string; json: Record<string, any> }[];
}

const ROOT = path.resolve(__dirname, '..');

export interface Measurement {
  wallMs: number;
  /** User + system CPU time: on a shared, loaded machine a steadier measure than wall time. */
  cpuMs: number;
  peakRssMb: number;
}

export interface SynthBenchRow {
  scenario: string;
  environments: number;
  resources: number;
  trailwatch: Measurement;
  /** The faithful floor (bench/floor-app.cjs): what the target is judged against. */
  floor: Measurement;
  /** The raw floor (bench/floor-raw.cjs): the lower bound, no tokens. */
  rawFloor: Measurement;
  /** Stacks whose floor cdk.tf.json equals trailwatch's (without "//"): all of them, or the benchmark throws. */
  identicalStacks: number;
  /** Highest acceptable trailwatch / floor wall-time ratio. */
  target: number;
}

/** The compiled app, built when a source is newer than dist/ (what `npm run synth` does). */
function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.cjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function measureOnce(args: string[], env: Record<string, string>): Measurement {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-')), 'rss');
  const cpuFile = path.join(path.dirname(rssFile), 'cpu');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', path.join(ROOT, 'bench/rss-reporter.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, BENCH_CPU_FILE: cpuFile },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`benchmark run failed: ${args.join(' ')}\n${result.stderr}`);
  const peak = Math.max(...fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  const cpuMs = Number(fs.readFileSync(cpuFile, 'utf8').trim()) / 1000;
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { wallMs, cpuMs, peakRssMb: peak / 1024 / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall and CPU time, and highest peak RSS, over `runs` runs (after one warm-up run for the file cache). */
export function measure(args: string[], env: Record<string, string>, runs = 3): Measurement {
  measureOnce(args, env);
  const samples = Array.from({ length: runs }, () => measureOnce(args, env));
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)),
  };
}

/** Writes `count` environment files, derived from config/acme-prod.yaml with distinct names and accounts. */
export function generateEnvironments(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-config-'));
  const template = fs.readFileSync(path.join(ROOT, 'config/acme-prod.yaml'), 'utf8');
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(3, '0');
    const text = template
      .replace(/^name: .*/m, `name: bench-${n}`)
      .replace(/^organizationId: .*/m, `organizationId: o-bench${n}xyz`)
      .replace(/111111111111/g, `100000000${n}`)
      .replace(/222222222222/g, `200000000${n}`);
    fs.writeFileSync(path.join(dir, `bench-${n}.yaml`), text);
  }
  return dir;
}

function specFrom(outdir: string): { spec: FloorSpec; resources: number } {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.readdirSync(stacksDir).map((name) => ({
    name,
    json: JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')),
  }));
  const resources = stacks.reduce(
    (n, s) => n + Object.values<Record<string, unknown>>(s.json.resource ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0),
    0,
  );
  return { spec: { stacks }, resources };
}

/** Throws unless a floor built as many resources as trailwatch (the raw floor's only check: its outputs lack descriptions). */
function assertSameResourceCount(floor: string, outdir: string, resources: number): void {
  const built = specFrom(outdir).resources;
  if (built !== resources) throw new Error(`the ${floor} built ${built} resources, trailwatch ${resources}: they must build the same`);
}

export function runSynthBenchmark(runs = 3): SynthBenchRow[] {
  ensureBuilt();
  const scenarios: [string, string, number, number][] = [
    ['example config', path.join(ROOT, 'config'), configFiles(path.join(ROOT, 'config')).length, 1.5],
    ['100 generated environments', generateEnvironments(100), 100, 1.2],
  ];
  return scenarios.map(([scenario, configPath, environments, target]) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-out-'));
    const out = (name: string) => path.join(work, name);
    const ours = measure(['dist/main.js'], { TRAILWATCH_CONFIG: configPath, CDKTF_OUTDIR: out('ours') }, runs);
    const { spec, resources } = specFrom(out('ours'));
    const specFile = out('spec.json');
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const floor = measure(['bench/floor-app.cjs', specFile], { CDKTF_OUTDIR: out('floor') }, runs);
    const identicalStacks = assertSameSynth(out('ours'), out('floor'));
    const rawFloor = measure(['bench/floor-raw.cjs', specFile], { CDKTF_OUTDIR: out('raw-floor') }, runs);
    assertSameResourceCount('raw floor', out('raw-floor'), resources);
    fs.rmSync(work, { recursive: true, force: true });
    return { scenario, environments, resources, trailwatch: ours, floor, rawFloor, identicalStacks, target };
  });
}

const at = (m: Measurement) => `${m.wallMs.toFixed(0)} / ${m.cpuMs.toFixed(0)} ms / ${m.peakRssMb.toFixed(0)} MB`;

/** trailwatch / floor as `wall / CPU / RSS` ratios, and the wall and CPU ratios alone. */
function ratios(ours: Measurement, floor: Measurement): { wall: number; cpu: number; text: string } {
  const wall = ours.wallMs / floor.wallMs;
  const cpu = ours.cpuMs / floor.cpuMs;
  return { wall, cpu, text: `${wall.toFixed(2)}x / ${cpu.toFixed(2)}x / ${(ours.peakRssMb / floor.peakRssMb).toFixed(2)}x` };
}

/** The table against the faithful floor (with the targets), then the one against the raw floor (lower bound, no target). */
export function formatSynthRows(rows: SynthBenchRow[]): string {
  const lines = ['scenario                     envs  resources  trailwatch (wall / CPU / peak RSS)  floor (wall / CPU / peak RSS)  ratio (wall / CPU / RSS)  target (wall and CPU)'];
  for (const r of rows) {
    const { wall, cpu, text } = ratios(r.trailwatch, r.floor);
    lines.push(
      `${r.scenario.padEnd(28)} ${String(r.environments).padStart(4)} ${String(r.resources).padStart(10)}  ` +
        `${at(r.trailwatch).padEnd(34)}  ${at(r.floor).padEnd(29)}  ${text.padEnd(24)}  ` +
        `<= ${r.target.toFixed(1)}x: ${wall <= r.target ? 'met' : 'MISSED'} / ${cpu <= r.target ? 'met' : 'MISSED'}`,
    );
  }
  lines.push(
    `floor: bench/floor-app.cjs, typed props and token references as in a hand-written cdktf app; its cdk.tf.json equals trailwatch's but for "//" metadata in ${rows.map((r) => `${r.identicalStacks} stacks (${r.scenario})`).join(' and ')}`,
    '',
    'Lower bound, not what the targets are judged against: the raw floor (bench/floor-raw.cjs: raw overrides, no tokens)',
    'scenario                     envs  resources  raw floor (wall / CPU / peak RSS)  trailwatch / raw floor (wall / CPU / RSS)  floor / raw floor (wall / CPU / RSS)',
  );
  for (const r of rows) {
    lines.push(
      `${r.scenario.padEnd(28)} ${String(r.environments).padStart(4)} ${String(r.resources).padStart(10)}  ` +
        `${at(r.rawFloor).padEnd(33)}  ${ratios(r.trailwatch, r.rawFloor).text.padEnd(41)}  ${ratios(r.floor, r.rawFloor).text}`,
    );
  }
  return lines.join('\n');
}
