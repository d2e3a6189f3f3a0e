/**
 * Replay benchmark: a folder of realistic CloudTrail S3 delivery files (gzip, `{"Records": [...]}`),
 * generated from the project's CloudTrail fixtures and the replay sample records (times, accounts,
 * principals, addresses and ids varied; generation time excluded), replayed with every built-in
 * detection on, against a pass that only reads, gunzips and JSON.parses the same files.
 * Target (issue 6): evaluating all detections adds under 30% to the parse-only time.
 *
 * TRAILWATCH_BENCH_EVENTS sets the number of events (default 1,000,000).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { builtInDetections, type ComplianceMode } from '../modules/detections/catalogue';
import { compileMatcher, parsePattern } from '../modules/patterns';
import { requiredEventNames } from '../modules/replay/event-name-index';
import { type MatcherFactory, Replay } from '../modules/replay/replay';
import { type Rec, generateSingleFile, generateTrail } from './replay-input';

/** The baseline for one file: read, gunzip and JSON.parse it, touch every record. */
function parseOnly(file: string): number {
  const doc = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: Rec[] };
  let count = 0;
  for (const r of doc.Records) if (r) count++;
  return count;
}

const compile: MatcherFactory = (pattern) => compileMatcher(parsePattern(pattern));
const eventNames = (pattern: string) => requiredEventNames(parsePattern(pattern));

/** A replay of all built-in detections of `mode` (or none), fed one file at a time; returns events read. */
function replayPass(mode: ComplianceMode | 'none', index = true): () => (file: string) => Promise<number> {
  return () => {
    const replay = new Replay({ detections: mode === 'none' ? [] : builtInDetections(mode), compile, ...(index ? { eventNames } : {}) });
    return async (file) => {
      const r = await replay.readFile(file);
      if (r.error || r.badRecords) throw new Error(`benchmark input had problems: ${r.error ?? r.firstBadRecord}`);
      return r.events;
    };
  };
}

const ROOT = path.resolve(__dirname, '..');

export interface MemoryRow {
  input: string;
  events: number;
  gzipMb: number;
  seconds: number;
  peakRssMb: number;
}

/** `trailwatch replay <input> --json` in its own process (all built-in detections): wall time and peak RSS. */
function replayInChild(input: string): { seconds: number; peakRssMb: number; events: number } {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-bench-rss-')), 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'bench/rss-reporter.cjs'), 'bin/trailwatch.js', 'replay', input, '--json'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`replay failed on ${input}: ${r.stderr}`);
  const peak = Math.max(...fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(Number));
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { seconds, peakRssMb: peak / 1024 / 1024, events: (JSON.parse(r.stdout) as { events: number }).events };
}

function sizeMb(p: string): number {
  const stat = fs.statSync(p);
  const bytes = stat.isDirectory() ? fs.readdirSync(p).reduce((s, f) => s + fs.statSync(path.join(p, f)).size, 0) : stat.size;
  return bytes / 1024 / 1024;
}

/**
 * Memory does not grow with the input: the CLI's peak RSS on a small folder, on the big folder, and
 * on one file holding `singleFileEvents` records (streamed, not parsed whole).
 */
export async function runMemoryBenchmark(events: number, singleFileEvents: number): Promise<MemoryRow[]> {
  const small = generateTrail(Math.max(1000, Math.floor(events / 100)));
  const big = generateTrail(events);
  const single = await generateSingleFile(singleFileEvents);
  try {
    const inputs: [string, string][] = [
      [`folder of 1,000-record files`, small],
      [`folder of 1,000-record files`, big],
      [`one file (streamed)`, single],
    ];
    return inputs.map(([label, input]) => {
      const r = replayInChild(input);
      return { input: label, events: r.events, gzipMb: sizeMb(input), seconds: r.seconds, peakRssMb: r.peakRssMb };
    });
  } finally {
    for (const p of [small, big, path.dirname(single)]) fs.rmSync(p, { recursive: true, force: true });
  }
}

export function formatMemoryRows(rows: MemoryRow[]): string {
  const table = [['INPUT', 'EVENTS', 'GZIP MB', 'SECONDS', 'PEAK RSS MB']];
  for (const r of rows) table.push([r.input, r.events.toLocaleString('en-US'), r.gzipMb.toFixed(0), r.seconds.toFixed(1), r.peakRssMb.toFixed(0)]);
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export interface ReplayBenchRow {
  pass: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  vsParseOnly: number;
}

/**
 * Each pass reads every file; the passes take turns file by file (in a rotating order), so load from
 * other processes on a shared machine hits them alike, and each pass's time is the sum of its files.
 * Best of `runs` rounds after a warm-up round.
 */
export async function runReplayBenchmark(events = Number(process.env.TRAILWATCH_BENCH_EVENTS ?? 1_000_000), runs = 3): Promise<{ rows: ReplayBenchRow[]; bytes: number }> {
  const dir = generateTrail(events);
  const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  try {
    const passes: [string, () => (file: string) => number | Promise<number>][] = [
      ['parse only (readFile + gunzip + JSON.parse)', () => parseOnly],
      ['replay reader, no detections', replayPass('none')],
      [`replay, all ${builtInDetections('securityHub').length} detections (securityHub)`, replayPass('securityHub')],
      [`replay, all ${builtInDetections('tuned').length} detections (tuned)`, replayPass('tuned')],
      ['replay, all detections (securityHub), every matcher on every event', replayPass('securityHub', false)],
    ];
    const best = passes.map(([pass]) => ({ pass, ms: Infinity, events: 0 }));
    for (let round = 0; round <= runs; round++) {
      const runners = passes.map(([, start]) => start());
      const ms = passes.map(() => 0);
      const counts = passes.map(() => 0);
      for (let f = 0; f < files.length; f++) {
        for (let k = 0; k < passes.length; k++) {
          const i = (f + k) % passes.length;
          const t = process.hrtime.bigint();
          counts[i] += await runners[i](files[f]);
          ms[i] += Number(process.hrtime.bigint() - t) / 1e6;
        }
      }
      if (round === 0) continue; // warm-up: JIT, file cache
      passes.forEach((_, i) => {
        if (ms[i] < best[i].ms) best[i] = { pass: best[i].pass, ms: ms[i], events: counts[i] };
      });
    }
    const base = best[0].ms;
    const rows = best.map((r) => ({ pass: r.pass, events: r.events, seconds: r.ms / 1000, eventsPerSecond: r.events / (r.ms / 1000), vsParseOnly: r.ms / base }));
    return { rows, bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatReplayRows(rows: ReplayBenchRow[]): string {
  const table = [['PASS', 'EVENTS', 'SECONDS', 'EVENTS/S', 'VS PARSE-ONLY']];
  for (const r of rows) {
    table.push([r.pass, r.events.toLocaleString('en-US'), r.seconds.toFixed(2), Math.round(r.eventsPerSecond).toLocaleString('en-US'), `${r.vsParseOnly.toFixed(2)}x`]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
