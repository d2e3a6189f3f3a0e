/** `npm run bench`: the synth benchmark, then the replay benchmark. Prints a table per benchmark. */
import * as os from 'node:os';
import { formatMemoryRows, formatReplayRows, runMemoryBenchmark, runReplayBenchmark } from './replay';
import { formatNotifyResult, runNotifyBenchmark } from './notify';
import { formatSynthRows, runSynthBenchmark } from './synth';

async function main(): Promise<void> {
  process.stdout.write(`Synth benchmark (median of 5 interleaved rounds after a warm-up round; peak RSS is the largest of the runs; load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs)\n`);
  process.stdout.write(`${formatSynthRows(runSynthBenchmark())}\n`);
  process.stdout.write(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  if (process.env.TRAILWATCH_BENCH_ONLY === 'synth') return;
  const events = Number(process.env.TRAILWATCH_BENCH_EVENTS ?? 1_000_000);
  process.stdout.write(`\nReplay benchmark (${events.toLocaleString('en-US')} CloudTrail events in gzip S3 delivery files; passes interleaved file by file, best of 3 rounds after a warm-up; target: all detections < 1.30x parse only)\n`);
  const replay = await runReplayBenchmark(events);
  process.stdout.write(`${formatReplayRows(replay.rows)}\n`);
  process.stdout.write(`input: ${(replay.bytes / 1024 / 1024).toFixed(0)} MB gzip\n`);
  process.stdout.write('\nReplay memory (`trailwatch replay <input> --json`, all built-in detections, own process)\n');
  process.stdout.write(`${formatMemoryRows(await runMemoryBenchmark(events, Math.ceil(events / 2)))}\n`);
  process.stdout.write('\nPer-event notification function (`npm run bench:notify` alone)\n');
  process.stdout.write(`${formatNotifyResult(runNotifyBenchmark())}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
