/** `npm run bench`: the synth benchmark, then the replay benchmark. Prints a table per benchmark. */
import { formatSynthRows, runSynthBenchmark } from './synth';

async function main(): Promise<void> {
  process.stdout.write('Synth benchmark (median of 3 runs after a warm-up; peak RSS is the largest of the runs)\n');
  process.stdout.write(`${formatSynthRows(runSynthBenchmark())}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
