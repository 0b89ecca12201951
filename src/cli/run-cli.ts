// The CLI as a function of argv and I/O, so tests run it in-process; main.ts binds it to Node.
import { parseArgs, SYNOPSIS, UsageError, USAGE } from './args.ts';
import type { Command } from './args.ts';
import { loadInputs } from './load-inputs.ts';
import type { FileDiagnostic, InputFile } from './load-inputs.ts';
import { analyzeFlows, reachabilityOf, summarize } from './analyze.ts';
import type { FlowRecord } from './analyze.ts';
import { formatTable } from './format-table.ts';

export interface CliIO {
  readonly stdin: () => Promise<string>;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (path: string) => Promise<string>;
}

export const VERSION = '0.1.0';

const EXIT_OK = 0;
const EXIT_INPUT_ERROR = 1;
const EXIT_USAGE = 2;

export function formatDiagnosticText(d: FileDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

function diagnosticJson(d: FileDiagnostic) {
  return {
    severity: d.severity,
    message: d.message,
    path: d.path,
    document: d.document,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    file: d.file,
    code: d.code,
    ...(d.object ? { object: d.object } : {}),
  };
}

async function readInputs(
  files: readonly string[],
  io: CliIO,
  errors: string[],
): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  let stdinRead = false;
  for (const name of files) {
    try {
      if (name === '-') {
        if (stdinRead) continue; // standard input can be read once
        stdinRead = true;
        inputs.push({ name: '-', text: await io.stdin() });
      } else {
        inputs.push({ name, text: await io.readFile(name) });
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : 'cannot be read';
      errors.push(`${name}: error: ${why}`);
    }
  }
  return inputs;
}

/** One flow per line, written in chunks: the whole document could exceed a string's maximum length. */
function writeFlowsJson(flows: Iterable<FlowRecord>, io: CliIO): void {
  let chunk = '{"flows":[';
  let first = true;
  for (const f of flows) {
    chunk += `${first ? '\n' : ',\n'}${JSON.stringify(f)}`;
    first = false;
    if (chunk.length > 1 << 16) {
      io.stdout(chunk);
      chunk = '';
    }
  }
  io.stdout(`${chunk}${first ? '' : '\n'}]}\n`);
}

async function run(
  cmd: Exclude<Command, { command: 'help' | 'version' }>,
  io: CliIO,
): Promise<number> {
  const readErrors: string[] = [];
  const inputs = await readInputs(cmd.files, io, readErrors);
  for (const e of readErrors) io.stderr(`${e}\n`);
  const { workspace, diagnostics } = loadInputs(inputs);
  const hasError = readErrors.length > 0 || diagnostics.some((d) => d.severity === 'error');

  if (cmd.command === 'validate') {
    if (cmd.format === 'json') {
      io.stdout(`${JSON.stringify({ diagnostics: diagnostics.map(diagnosticJson) }, null, 2)}\n`);
    } else {
      for (const d of diagnostics) io.stdout(`${formatDiagnosticText(d)}\n`);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      io.stderr(
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
      );
    }
    return hasError ? EXIT_INPUT_ERROR : EXIT_OK;
  }

  // analyze: problems go to stderr so stdout stays machine-readable.
  for (const d of diagnostics) if (d.severity !== 'info') io.stderr(`${formatDiagnosticText(d)}\n`);
  const options = { port: cmd.port, protocol: cmd.protocol };
  if (cmd.format === 'summary') {
    io.stdout(`${JSON.stringify(summarize(workspace, options, cmd.engine))}\n`);
  } else if (cmd.format === 'json') {
    writeFlowsJson(analyzeFlows(workspace, options), io);
  } else {
    io.stdout(formatTable(reachabilityOf(workspace, options), options));
  }
  return hasError ? EXIT_INPUT_ERROR : EXIT_OK;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(
      `netpol-canvas: ${err.message}\n\n${SYNOPSIS}Run 'netpol-canvas --help' for details.\n`,
    );
    return EXIT_USAGE;
  }
  if (cmd.command === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (cmd.command === 'version') {
    io.stdout(`netpol-canvas ${VERSION}\n`);
    return EXIT_OK;
  }
  try {
    return await run(cmd, io);
  } catch (err) {
    // An internal fault must still not dump a stack trace on the user.
    io.stderr(
      `netpol-canvas: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return EXIT_INPUT_ERROR;
  }
}
