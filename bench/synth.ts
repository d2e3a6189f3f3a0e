/**
 * Synth benchmark: wall time, CPU time and peak RSS of the synth `npm run synth` runs (node
 * dist/synth-app.js, the compiled app bundled into one file; built first when stale) for the example
 * config and for a generated config of 100 environments, against floors built from trailwatch's own
 * output, all measured in interleaved rounds:
 * - the floor (bench/floor-app.cjs): a plain JavaScript app that builds the same providers, resources,
 *   outputs and asset files with the same provider classes the way a hand-written cdktf app does (typed
 *   props, references and dependsOn as tokens, a TerraformAsset for the function's zip) and no
 *   validation. Its output must equal trailwatch's (bench/fidelity.ts). It runs under the cdktf setting
 *   trailwatch's synth uses (no token creation traces, bench/no-token-traces.cjs), so the ratio is what
 *   trailwatch itself adds. Targets: within 1.5x of it for the examples, 1.2x for 100 environments.
 * - for reference: the same floor with cdktf's defaults (a stack trace per token), and the raw floor
 *   (bench/floor-raw.cjs), a lower bound: the same classes with the JSON written as raw overrides, so
 *   no tokens at all; cheaper than any cdktf app producing that output.
 * The machine's load average is printed with the results: on a shared machine the ratios are what to
 * read, not the times.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configFiles } from '../config/load';
import { assertSameSynth, assetFiles } from './fidelity';

/** What the floor app builds: each stack's synthesized cdk.tf.json. */
export interface FloorSpec {
  /**
   * Each stack's cdk.tf.json, and its asset files (the notification function's zip): `path` as the
   * stack references it (`assets/<asset id>/<hash>/<file>`), `source` the file trailwatch wrote there.
   */
  stacks: { name: string; json: Record<string, any>; assets: { path: string; source: string }[] }[];
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
  /** `npm run synth` as shipped: dist/synth-app.js, without cdktf's token creation traces (TRAILWATCH_DEBUG unset). */
  trailwatch: Measurement;
  /** The faithful floor under the same cdktf setting (no token creation traces): what the target is judged against. */
  floor: Measurement;
  /** The faithful floor with cdktf's defaults (a token creation trace per token), as a plain cdktf app runs. */
  floorDefaults: Measurement;
  /** The raw floor (bench/floor-raw.cjs), cdktf's defaults: the lower bound, no tokens. */
  rawFloor: Measurement;
  /** Stacks whose floor output equals trailwatch's (cdk.tf.json without "//", asset files): all of them, or the benchmark throws. */
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

/** One program the benchmark runs: node arguments and environment. */
export interface Program {
  readonly args: string[];
  readonly env: Record<string, string>;
}

/**
 * Median wall and CPU time, and highest peak RSS, of each program over `runs` rounds, after one
 * warm-up round (file cache). Rounds are interleaved (each round runs every program once), so a busy
 * stretch of a shared machine falls on all programs alike rather than on one program's runs.
 */
export function measureInterleaved(programs: readonly Program[], runs = 3): Measurement[] {
  for (const p of programs) measureOnce(p.args, p.env);
  const samples: Measurement[][] = programs.map(() => []);
  for (let round = 0; round < runs; round++) programs.forEach((p, i) => samples[i]!.push(measureOnce(p.args, p.env)));
  return samples.map((s) => ({
    wallMs: median(s.map((m) => m.wallMs))!,
    cpuMs: median(s.map((m) => m.cpuMs))!,
    peakRssMb: Math.max(...s.map((m) => m.peakRssMb)),
  }));
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
    assets: assetFiles(path.join(stacksDir, name)).map((file) => ({ path: file, source: path.join(stacksDir, name, file) })),
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

export function runSynthBenchmark(runs = 5): SynthBenchRow[] {
  ensureBuilt();
  const scenarios: [string, string, number, number][] = [
    ['example config', path.join(ROOT, 'config'), configFiles(path.join(ROOT, 'config')).length, 1.5],
    ['100 generated environments', generateEnvironments(100), 100, 1.2],
  ];
  return scenarios.map(([scenario, configPath, environments, target]) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-out-'));
    const out = (name: string) => path.join(work, name);
    // trailwatch first, alone: the floors are built from its output.
    const ours: Program = { args: ['dist/synth-app.js'], env: { TRAILWATCH_CONFIG: configPath, CDKTF_OUTDIR: out('ours') } };
    measureOnce(ours.args, ours.env);
    const { spec, resources } = specFrom(out('ours'));
    const specFile = out('spec.json');
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const floorProgram = (setting: string[], outdir: string): Program => ({ args: [...setting, 'bench/floor-app.cjs', specFile], env: { CDKTF_OUTDIR: out(outdir) } });
    const [trailwatch, floor, floorDefaults, rawFloor] = measureInterleaved(
      [
        ours,
        floorProgram(['--require', path.join(ROOT, 'bench/no-token-traces.cjs')], 'floor'),
        floorProgram([], 'floor-defaults'),
        { args: ['bench/floor-raw.cjs', specFile], env: { CDKTF_OUTDIR: out('raw-floor') } },
      ],
      runs,
    ) as [Measurement, Measurement, Measurement, Measurement];
    const identicalStacks = assertSameSynth(out('ours'), out('floor'));
    assertSameSynth(out('ours'), out('floor-defaults'));
    assertSameResourceCount('raw floor', out('raw-floor'), resources);
    fs.rmSync(work, { recursive: true, force: true });
    return { scenario, environments, resources, trailwatch, floor, floorDefaults, rawFloor, identicalStacks, target };
  });
}

const at = (m: Measurement) => `${m.wallMs.toFixed(0)} / ${m.cpuMs.toFixed(0)} ms / ${m.peakRssMb.toFixed(0)} MB`;

/** trailwatch / floor as `wall / CPU / RSS` ratios, and the wall and CPU ratios alone. */
function ratios(ours: Measurement, floor: Measurement): { wall: number; cpu: number; text: string } {
  const wall = ours.wallMs / floor.wallMs;
  const cpu = ours.cpuMs / floor.cpuMs;
  return { wall, cpu, text: `${wall.toFixed(2)}x / ${cpu.toFixed(2)}x / ${(ours.peakRssMb / floor.peakRssMb).toFixed(2)}x` };
}

/**
 * The table against the faithful floor under trailwatch's cdktf setting (with the targets), then the
 * same trailwatch measurement against the floor with cdktf's defaults and against the raw floor.
 */
export function formatSynthRows(rows: SynthBenchRow[]): string {
  const row = (r: SynthBenchRow) => `${r.scenario.padEnd(28)} ${String(r.environments).padStart(4)} ${String(r.resources).padStart(10)}  `;
  const lines = [
    'Against the floor under the same cdktf setting (no token creation traces, as npm run synth runs): the targets',
    'scenario                     envs  resources  trailwatch (wall / CPU / peak RSS)  floor (wall / CPU / peak RSS)  ratio (wall / CPU / RSS)  target (wall and CPU)',
  ];
  for (const r of rows) {
    const { wall, cpu, text } = ratios(r.trailwatch, r.floor);
    lines.push(
      `${row(r)}${at(r.trailwatch).padEnd(34)}  ${at(r.floor).padEnd(29)}  ${text.padEnd(24)}  ` +
        `<= ${r.target.toFixed(1)}x: ${wall <= r.target ? 'met' : 'MISSED'} / ${cpu <= r.target ? 'met' : 'MISSED'}`,
    );
  }
  lines.push(
    `floor: bench/floor-app.cjs with bench/no-token-traces.cjs, typed props and token references as in a hand-written cdktf app; its output equals trailwatch's (cdk.tf.json but for "//" metadata, asset files) in ${rows.map((r) => `${r.identicalStacks} stacks (${r.scenario})`).join(' and ')}`,
    '',
    "For reference, not what the targets are judged against: the floor with cdktf's defaults (a trace per token), and the raw floor (bench/floor-raw.cjs: raw overrides, no tokens, a lower bound)",
    'scenario                     envs  resources  floor, cdktf defaults (wall / CPU / RSS)  trailwatch / it (wall / CPU / RSS)  raw floor (wall / CPU / RSS)  trailwatch / raw floor',
  );
  for (const r of rows) {
    lines.push(
      `${row(r)}${at(r.floorDefaults).padEnd(40)}  ${ratios(r.trailwatch, r.floorDefaults).text.padEnd(34)}  ${at(r.rawFloor).padEnd(28)}  ${ratios(r.trailwatch, r.rawFloor).text}`,
    );
  }
  return lines.join('\n');
}
