/**
 * Preloaded (`node --require`) into every benchmarked process: at exit it writes the
 * process's peak resident memory and CPU time to the file named by BENCH_USAGE_FILE.
 */
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_USAGE_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
