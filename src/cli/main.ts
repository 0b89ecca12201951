// The `netpol-canvas` command's body: binds runCli to the process and its exit code.
import { writeSync } from 'node:fs';
import { fileChunks, nodeFs, readStdin, readStdinChunks } from './node-io.ts';
import { runCli } from './run-cli.ts';

// Bundled as CommonJS (netpol-canvas.core.cjs) and started by launcher.ts, which sets the V8 flags
// the CLI is tuned for and runs this from V8's code cache; `node:fs` is required, not imported, so
// no ES module facade is built for it (its ReadStream getter would load the whole streams stack).

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
  stdinChunks: readStdinChunks,
  fileChunks,
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
