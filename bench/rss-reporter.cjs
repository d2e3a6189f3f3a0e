// Preloaded into benchmarked node processes: appends the process's peak RSS (bytes) to BENCH_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    fs.appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS * 1024}\n`);
  }
});
