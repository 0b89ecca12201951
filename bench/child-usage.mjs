// Loaded with `node --import` into each CLI process bench/run.mjs times: when the process exits
// it writes its own CPU time (user + system, every thread: GC and compiler threads included) and
// its peak resident set size to the file NETPOL_BENCH_USAGE names. getrusage, so no sampling.
import { writeFileSync } from 'node:fs';

const out = process.env.NETPOL_BENCH_USAGE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }),
    );
  });
}
