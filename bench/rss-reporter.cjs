// Preloaded into benchmarked node processes: appends the process's peak RSS (bytes) to BENCH_RSS_FILE,
// and its CPU time (user + system, microseconds) to BENCH_CPU_FILE when set.
const fs = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) {
    fs.appendFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS * 1024}\n`);
  }
  if (process.env.BENCH_CPU_FILE) {
    fs.appendFileSync(process.env.BENCH_CPU_FILE, `${usage.userCPUTime + usage.systemCPUTime}\n`);
  }
});
