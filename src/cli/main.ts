// Node entry point of the `netpol-canvas` command.
import { readFile } from 'node:fs/promises';
import { runCli } from './run-cli.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function write(stream: NodeJS.WriteStream, s: string): void {
  if (!stream.destroyed) stream.write(s);
}

// `netpol-canvas … | head` closes the pipe early: stop quietly instead of throwing EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
}

runCli(process.argv.slice(2), {
  stdin: readStdin,
  stdout: (s) => write(process.stdout, s),
  stderr: (s) => write(process.stderr, s),
  readFile: (path) => readFile(path, 'utf8'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `netpol-canvas: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
