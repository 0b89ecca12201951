// Node entry point of the `netpol-canvas` command: binds runCli to the process and its exit code.
import type * as NodeFs from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { nodeFs, readStdin } from './node-io.ts';
import { runCli } from './run-cli.ts';

// A run is short and most of its code runs a few thousand times; optimising compilation (on other
// threads, but CPU all the same) is about a quarter of a 5,000-pod analyze. So: no inlining in the
// optimising compiler (it costs more compile time than it saves: 5,000 pods about 15% less CPU,
// 20,000 pods and 12,000 policies 15-25% less), and an interrupt budget eight times V8 11's default
// (67,584): a function is optimised only after running about eight times as long, so the many that
// run briefly stay in the interpreter and baseline code (5,000 pods, with or without cluster
// policies, about 15% less CPU; 20,000 pods and 12,000 policies unchanged; 100,000 pods about 5%
// more, far within its target).
// The young generation stays at its first size (1 MiB semi-spaces) instead of doubling up to 16:
// what a read keeps (the model) is promoted after two small collections either way, and the rest
// dies young; the larger spaces only cost page faults and copying (5-15% less CPU on every
// benchmark row, 20-30 MiB less peak RSS). Later V8s clamp that factor to 2.
// Young collections run on the main thread alone: V8 reads this flag at each collection (with it
// set here the collector's helper threads record no scavenging time, --trace-gc-nvp), and with
// 1 MiB semi-spaces a helper costs more CPU to start and synchronise than it takes off the main
// thread (5,000 pods about 5% less CPU with or without cluster policies, 20,000 pods about 3%).
// Only the compiler's and collector's choices change, never a result. Set before any of the CLI's
// work runs, and only on the Node versions these flags exist in (V8 prints an error for a flag it
// no longer knows); measured on Node 20. The other heap flags (semi-space sizes, single-threaded
// GC, concurrent recompilation) are fixed when the isolate starts: set here they change nothing,
// and `--single-threaded-gc` even aborts the process at exit.
if (/^v2[0-4]\./.test(process.version))
  setFlagsFromString(
    '--no-turbo-inlining --interrupt-budget=528000 --semi-space-growth-factor=1 --no-parallel-scavenge',
  );

// fs without its ES module facade where Node offers that (20.16 on): building the facade reads
// every export of fs, and its ReadStream getter loads the whole streams stack, which the CLI never
// uses (about 4 ms of every run).
const { writeSync } = (
  typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('node:fs')
    : await import('node:fs')
) as typeof NodeFs;

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes straight to the file descriptor. process.stdout reports a closed pipe (`| head`) only
 * asynchronously, after the CLI would have computed every remaining flow; a synchronous EPIPE lets
 * it stop at once and quietly.
 */
function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += writeSync(fd, buf, offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // A non-blocking descriptor inherited from the parent: wait a moment for the reader.
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw err;
    }
  }
}

runCli(process.argv.slice(2), {
  stdin: readStdin,
  stdout: (s) => writeAll(1, s),
  stderr: (s) => writeAll(2, s),
  fs: nodeFs,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Never a stack trace, even for a fault outside runCli's own guard.
    try {
      writeAll(
        2,
        `netpol-canvas: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
    } catch {
      // stderr is gone too: the exit code is all that is left.
    }
    process.exitCode = 1;
  },
);
