// The CLI as a function of argv and I/O, so tests run it in-process; main.ts binds it to Node.
import { parseArgs, SYNOPSIS, UsageError, USAGE, wantsJson } from './args.ts';
import type { Command } from './args.ts';
import { collectInputs, listInputs } from './collect-inputs.ts';
import type { InputFs, InputText, Listed, Refusal } from './collect-inputs.ts';
import { findTemplateAction, HELM_HINT } from './helm-hint.ts';
import { loadInputs } from './load-inputs.ts';
import type { FileDiagnostic, InputFile, ReadFor } from './load-inputs.ts';
import { externalRecords, formatExternal, reachabilityOf, summarize } from './analyze.ts';
import { flowRecords } from './flow-records.ts';
import { formatTable } from './format-table.ts';
import { runLint, runDiff, runCheck } from './insight-commands.ts';
import { located, validateChunks } from './validate-stream.ts';

export interface CliIO {
  readonly stdin: () => Promise<Uint8Array>;
  /** Standard input in pieces, for `validate`, which streams it; without it, `stdin` whole. */
  readonly stdinChunks?: () => AsyncIterable<Uint8Array>;
  /**
   * A file's bytes in pieces, for `validate`; without it, `fs.readFile` whole (a test's file
   * system stands in for both).
   */
  readonly fileChunks?: (path: string) => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly fs: InputFs;
  /** The most bytes of input read (tests lower it); above it the input is refused. */
  readonly maxInputBytes?: number;
}

export const VERSION = '0.1.0';

export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 1;
export const EXIT_USAGE = 2;

export function formatDiagnosticText(d: FileDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function diagnosticJson(d: FileDiagnostic) {
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

/**
 * The document a JSON reader gets instead of a result when the input is refused: a usage error,
 * a path that cannot be read, a file that is not UTF-8. The first problem; stderr lists them all.
 */
export interface ErrorDocument {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export const errorJson = (e: ErrorDocument) => `${JSON.stringify({ error: e })}\n`;

/**
 * Reads the decodable files as one workspace; every file's diagnostics, in the order the files
 * were given: a file that is not UTF-8 gets one error where its first bad byte is, a file with
 * Helm template actions a hint where the first one is.
 */
export function loadAll(inputs: readonly InputText[], readFor: ReadFor = 'model') {
  const readable = inputs.filter((i): i is InputText & InputFile & { ok: true } => i.ok);
  const { workspace, diagnostics, toFile } = loadInputs(readable, readFor);
  const byInput = new Map(readable.map((input, k) => [input, diagnostics[k] ?? []]));
  const all: FileDiagnostic[] = [];
  for (const input of inputs) {
    if (!input.ok) {
      all.push(located(input.name, input, 'error', 'invalid-utf-8', input.message));
      continue;
    }
    const own = [...(byInput.get(input) ?? [])];
    const action = findTemplateAction(input.text);
    if (action) own.push(located(input.name, action, 'info', 'helm-template', HELM_HINT));
    all.push(...own.sort((a, b) => a.line - b.line || a.column - b.column));
  }
  return { workspace, diagnostics: all, toFile };
}

/** Writes what a generator yields in 64 KiB chunks: the whole could exceed a string's maximum length. */
function chunked(io: CliIO) {
  let chunk = '';
  return {
    write(s: string) {
      chunk += s;
      if (chunk.length > 1 << 16) {
        io.stdout(chunk);
        chunk = '';
      }
    },
    flush() {
      if (chunk !== '') io.stdout(chunk);
      chunk = '';
    },
  };
}

/** `{"flows":[…],"external":[…]}`, one flow per line, written as computed. */
function writeFlowsJson(
  flows: Iterable<unknown>,
  io: CliIO,
  external: Iterable<unknown> | null = null,
): void {
  const out = chunked(io);
  const list = (key: string, items: Iterable<unknown>) => {
    out.write(`"${key}":[`);
    let first = true;
    for (const f of items) {
      out.write(`${first ? '\n' : ',\n'}${JSON.stringify(f)}`);
      first = false;
    }
    out.write(`${first ? '' : '\n'}]`);
  };
  out.write('{');
  list('flows', flows);
  if (external) {
    out.write(',');
    list('external', external);
  }
  out.write('}\n');
  out.flush();
}

/** NDJSON: one JSON object per line, the flows and then the external entries. */
function writeNdjson(records: readonly Iterable<unknown>[], io: CliIO): void {
  const out = chunked(io);
  for (const items of records) for (const r of items) out.write(`${JSON.stringify(r)}\n`);
  out.flush();
}

/**
 * Reads the paths of one workspace, or refuses them (a path that cannot be read: exit 2, with
 * the error document for a JSON reader).
 */
export async function loadPaths(
  files: readonly string[],
  recursive: boolean,
  io: CliIO,
  json: boolean,
  readFor: ReadFor = 'model',
  listed?: readonly Listed[],
): Promise<(ReturnType<typeof loadAll> & { inputs: readonly InputText[] }) | number> {
  const collected = await collectInputs(
    files,
    recursive,
    io.fs,
    io.stdin,
    io.maxInputBytes,
    listed,
  );
  if (collected.refusals.length > 0) return refuse(collected.refusals, io, json);
  // Paths that hold no manifest at all (an empty directory) read as one empty text.
  const inputs: readonly InputText[] =
    collected.inputs.length > 0
      ? collected.inputs
      : [{ name: files[0] ?? '-', ok: true, text: '' }];
  return { ...loadAll(inputs, readFor), inputs };
}

/** Input that cannot be read: every refusal on stderr, the first as a JSON reader's document. */
function refuse(refusals: readonly Refusal[], io: CliIO, json: boolean): number {
  for (const r of refusals) io.stderr(`${r.file}: error: ${r.message}\n`);
  if (json) io.stdout(errorJson(refusals[0] as ErrorDocument));
  return EXIT_USAGE;
}

/** A source read whole, as one piece. */
async function* whole(read: () => Promise<Uint8Array>): AsyncIterable<Uint8Array> {
  yield await read();
}

/**
 * `validate`'s diagnostics: one file (or standard input) is streamed, its memory independent of
 * its size; several are read whole and joined, as the other commands read them.
 */
async function validateDiagnostics(
  cmd: Extract<Command, { command: 'validate' }>,
  io: CliIO,
  json: boolean,
): Promise<readonly FileDiagnostic[] | number> {
  const listed = await listInputs(cmd.files, cmd.recursive, io.fs);
  const only = listed.length === 1 ? listed[0] : undefined;
  if (only && 'file' in only) {
    const name = only.file;
    const chunks =
      name === '-'
        ? (io.stdinChunks?.() ?? whole(io.stdin))
        : (io.fileChunks?.(name) ?? whole(() => io.fs.readFile(name)));
    const streamed = await validateChunks(name, chunks, io.maxInputBytes);
    return 'refusal' in streamed ? refuse([streamed.refusal], io, json) : streamed.diagnostics;
  }
  const loaded = await loadPaths(cmd.files, cmd.recursive, io, json, 'diagnostics', listed);
  return typeof loaded === 'number' ? loaded : loaded.diagnostics;
}

async function run(
  cmd: Exclude<Command, { command: 'help' | 'version' }>,
  io: CliIO,
): Promise<number> {
  if (cmd.command === 'diff') return runDiff(cmd, io);
  const json = cmd.format !== 'text' && cmd.format !== 'table';
  if (cmd.command === 'validate') {
    const diagnostics = await validateDiagnostics(cmd, io, json);
    if (typeof diagnostics === 'number') return diagnostics;
    const hasError = diagnostics.some((d) => d.severity === 'error');
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
  // lint points into policies: it keeps their YAML trees.
  const loaded = await loadPaths(
    cmd.files,
    cmd.recursive,
    io,
    json,
    cmd.command === 'lint' ? 'locate' : 'model',
  );
  if (typeof loaded === 'number') return loaded;
  const { workspace, diagnostics, inputs } = loaded;
  if (cmd.command === 'lint') return runLint(cmd, loaded, io);
  if (cmd.command === 'check') return runCheck(cmd, loaded, io);
  const hasError = diagnostics.some((d) => d.severity === 'error');

  // analyze: problems go to stderr so stdout stays machine-readable.
  for (const d of diagnostics)
    if (d.severity !== 'info' || d.code === 'helm-template')
      io.stderr(`${formatDiagnosticText(d)}\n`);
  // A file that could not be decoded is missing from the workspace: no analysis of the rest.
  const undecodable = inputs.find((i) => !i.ok);
  if (undecodable && !undecodable.ok) {
    const { name: file, line, column, message } = undecodable;
    if (json) io.stdout(errorJson({ code: 'invalid-utf-8', message, file, line, column }));
    return EXIT_INPUT_ERROR;
  }
  const options = { port: cmd.port, protocol: cmd.protocol };
  if (cmd.format === 'summary') {
    io.stdout(`${JSON.stringify(summarize(workspace, options, cmd.engine))}\n`);
  } else if (cmd.format === 'json' || cmd.format === 'ndjson') {
    const flows = flowRecords(
      workspace,
      reachabilityOf(workspace, options),
      {
        by: cmd.by,
        allowedOnly: cmd.allowedOnly,
        deniedOnly: cmd.deniedOnly,
        explain: cmd.explain,
        selfPairs: options.port !== null,
      },
      workspace.workloadOf,
    );
    const external = cmd.external === true ? externalRecords(workspace, options) : null;
    if (cmd.format === 'json') writeFlowsJson(flows, io, external);
    else writeNdjson(external ? [flows, external] : [flows], io);
  } else {
    io.stdout(formatTable(reachabilityOf(workspace, options), options));
    if (cmd.external === true) io.stdout(formatExternal(workspace, options));
  }
  return hasError ? EXIT_INPUT_ERROR : EXIT_OK;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (wantsJson(argv)) io.stdout(errorJson({ code: 'usage', message: err.message }));
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
