/**
 * Synth benchmark: wall time and peak RSS of `npm run synth` (node --import tsx main.ts) for the
 * example config and for a generated config of 100 environments, against a baseline that
 * synthesizes the same resources with bare cdktf constructs (bench/baseline-app.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configFiles } from '../config/load';
import type { BaselineSpec } from './baseline-app';

const ROOT = path.resolve(__dirname, '..');

export interface Measurement {
  wallMs: number;
  peakRssMb: number;
}

export interface SynthBenchRow {
  scenario: string;
  environments: number;
  resources: number;
  trailwatch: Measurement;
  baseline: Measurement;
}

function measureOnce(args: string[], env: Record<string, string>): Measurement {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-')), 'rss');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', path.join(ROOT, 'bench/rss-reporter.cjs'), '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`benchmark run failed: ${args.join(' ')}\n${result.stderr}`);
  const peak = Math.max(...fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  return { wallMs, peakRssMb: peak / 1024 / 1024 };
}

/** Median wall time and highest peak RSS over `runs` runs (after one warm-up run for the tsx cache). */
export function measure(args: string[], env: Record<string, string>, runs = 3): Measurement {
  measureOnce(args, env);
  const samples = Array.from({ length: runs }, () => measureOnce(args, env));
  const walls = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  return { wallMs: walls[Math.floor(walls.length / 2)], peakRssMb: Math.max(...samples.map((s) => s.peakRssMb)) };
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

function specFrom(outdir: string): { spec: BaselineSpec; resources: number } {
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

export function runSynthBenchmark(runs = 3): SynthBenchRow[] {
  const scenarios: [string, string, number][] = [
    ['example config', path.join(ROOT, 'config'), configFiles(path.join(ROOT, 'config')).length],
    ['100 generated environments', generateEnvironments(100), 100],
  ];
  return scenarios.map(([scenario, configPath, environments]) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-out-'));
    const ours = measure(['main.ts'], { TRAILWATCH_CONFIG: configPath, CDKTF_OUTDIR: path.join(work, 'ours') }, runs);
    const { spec, resources } = specFrom(path.join(work, 'ours'));
    const specFile = path.join(work, 'spec.json');
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const baseline = measure(['bench/baseline-app.ts', specFile], { CDKTF_OUTDIR: path.join(work, 'baseline') }, runs);
    return { scenario, environments, resources, trailwatch: ours, baseline };
  });
}

export function formatSynthRows(rows: SynthBenchRow[]): string {
  const lines = ['scenario                     envs  resources  trailwatch (wall / peak RSS)  bare cdktf (wall / peak RSS)  ratio (wall / RSS)'];
  for (const r of rows) {
    lines.push(
      `${r.scenario.padEnd(28)} ${String(r.environments).padStart(4)} ${String(r.resources).padStart(10)}  ` +
        `${`${r.trailwatch.wallMs.toFixed(0)} ms / ${r.trailwatch.peakRssMb.toFixed(0)} MB`.padEnd(28)}  ` +
        `${`${r.baseline.wallMs.toFixed(0)} ms / ${r.baseline.peakRssMb.toFixed(0)} MB`.padEnd(28)}  ` +
        `${(r.trailwatch.wallMs / r.baseline.wallMs).toFixed(2)}x / ${(r.trailwatch.peakRssMb / r.baseline.peakRssMb).toFixed(2)}x`,
    );
  }
  return lines.join('\n');
}
