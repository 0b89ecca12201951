// The commands that read meaning out of a workspace beyond validity: lint (likely mistakes),
// diff (what a change allows and denies), check (asserted flows).
import type { Command } from './args.ts';
import { collectInputs } from './collect-inputs.ts';
import type { FileDiagnostic } from './load-inputs.ts';
import { locate } from '../yaml/read-workspace.ts';
import { lint } from '../engine/lint/lint.ts';
import { diffReachability } from '../engine/diff-reachability.ts';
import { checkExpectations } from '../engine/check-expectations.ts';
import {
  EXIT_INPUT_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  errorJson,
  formatDiagnosticText,
  loadPaths,
  VERSION,
} from './run-cli.ts';
import type { CliIO } from './run-cli.ts';
import { lintJson, lintSarif, lintText } from './lint-output.ts';
import type { FileFinding } from './lint-output.ts';
import { diffMarkdown } from './diff-output.ts';
import { checkJson, checkText } from './check-output.ts';
import { readExpectations } from './expectations-file.ts';

type Loaded = Exclude<Awaited<ReturnType<typeof loadPaths>>, number>;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** An input that is not UTF-8 is missing from the workspace: say so instead of a result. */
function refuseUndecodable(loaded: Loaded, io: CliIO, json: boolean): number | null {
  const bad = loaded.inputs.find((i) => !i.ok);
  if (!bad || bad.ok) return null;
  if (json)
    io.stdout(
      errorJson({
        code: 'invalid-utf-8',
        message: bad.message,
        file: bad.name,
        line: bad.line,
        column: bad.column,
      }),
    );
  return EXIT_INPUT_ERROR;
}

export function runLint(
  cmd: Extract<Command, { command: 'lint' }>,
  loaded: Loaded,
  io: CliIO,
): number {
  const { workspace, diagnostics, toFile, inputs } = loaded;
  // A file the API server rejects is not clean: its errors come first, as validate lists them.
  const all: FileFinding[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ ...d, rule: d.code }));
  const findings = lint(workspace, { locate: (ref, path) => locate(workspace, ref, path) });
  for (const f of findings) {
    const m = toFile(f);
    if (!m) continue;
    const related = f.related?.flatMap((r) => {
      const at = toFile({
        ...r,
        severity: 'info',
        code: f.rule,
        endLine: r.line,
        endColumn: r.column,
      });
      return at
        ? [
            {
              ...r,
              file: at.diagnostic.file,
              line: at.diagnostic.line,
              column: at.diagnostic.column,
              document: at.diagnostic.document,
            },
          ]
        : [];
    });
    all.push({ ...m.diagnostic, ...(related ? { related } : {}) } as FileFinding);
  }
  const order = new Map(inputs.map((i, k) => [i.name, k]));
  all.sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
  if (cmd.format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics: all.map(lintJson) }, null, 2)}\n`);
  } else if (cmd.format === 'sarif') {
    io.stdout(`${JSON.stringify(lintSarif(all, VERSION), null, 2)}\n`);
  } else {
    for (const f of all) io.stdout(`${lintText(f)}\n`);
    const by = (s: FileDiagnostic['severity']) => all.filter((f) => f.severity === s).length;
    io.stderr(
      `${count(by('error'), 'error')}, ${count(by('warning'), 'warning')}, ${by('info')} info\n`,
    );
  }
  const undecodable = inputs.some((i) => !i.ok);
  if (undecodable || all.some((f) => f.severity === 'error')) return EXIT_INPUT_ERROR;
  if (cmd.strict && all.some((f) => f.severity === 'warning')) return EXIT_INPUT_ERROR;
  return EXIT_OK;
}

export async function runDiff(
  cmd: Extract<Command, { command: 'diff' }>,
  io: CliIO,
): Promise<number> {
  const json = cmd.format === 'json';
  const versions: Loaded[] = [];
  for (const path of cmd.files) {
    const loaded = await loadPaths([path], cmd.recursive, io, json);
    if (typeof loaded === 'number') return loaded;
    versions.push(loaded);
  }
  const [before, after] = versions as [Loaded, Loaded];
  let hasError = false;
  for (const v of versions) {
    for (const d of v.diagnostics)
      if (d.severity !== 'info' || d.code === 'helm-template')
        io.stderr(`${formatDiagnosticText(d)}\n`);
    hasError ||= v.diagnostics.some((d) => d.severity === 'error');
    const refused = refuseUndecodable(v, io, json);
    if (refused !== null) return refused;
  }
  const d = diffReachability(before.workspace, after.workspace, {
    ...(cmd.port !== null ? { port: cmd.port } : {}),
    ...(cmd.protocol !== null ? { protocol: cmd.protocol } : {}),
  });
  io.stdout(json ? `${JSON.stringify(d, null, 2)}\n` : diffMarkdown(d));
  if (hasError) return EXIT_INPUT_ERROR;
  return cmd.failOnNewAllow && d.newlyAllowed.length > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
}

export async function runCheck(
  cmd: Extract<Command, { command: 'check' }>,
  loaded: Loaded,
  io: CliIO,
): Promise<number> {
  const json = cmd.format === 'json';
  // The expectations file is read like any input path; a problem with it stops the check (exit 2).
  const collected = await collectInputs([cmd.expect], false, io.fs, io.stdin);
  const refusal = collected.refusals[0];
  const input = collected.inputs[0];
  const refuse = (e: {
    code: string;
    message: string;
    file: string;
    line?: number;
    column?: number;
  }) => {
    io.stderr(
      `${e.file}${e.line !== undefined ? `:${e.line}:${e.column}` : ''}: error: ${e.message}\n`,
    );
    if (json) io.stdout(errorJson(e));
    return EXIT_USAGE;
  };
  if (refusal) return refuse(refusal);
  if (!input) return refuse({ code: 'usage', message: 'no expectations file', file: cmd.expect });
  if (!input.ok)
    return refuse({
      code: 'invalid-utf-8',
      message: input.message,
      file: input.name,
      line: input.line,
      column: input.column,
    });
  const { expectations, problems } = readExpectations(input.text);
  if (problems.length > 0) {
    for (const p of problems.slice(1))
      io.stderr(`${input.name}:${p.line}:${p.column}: error: ${p.message}\n`);
    const first = problems[0] as (typeof problems)[number];
    return refuse({
      code: 'invalid-expectations',
      message: first.message,
      file: input.name,
      line: first.line,
      column: first.column,
    });
  }

  for (const d of loaded.diagnostics)
    if (d.severity !== 'info' || d.code === 'helm-template')
      io.stderr(`${formatDiagnosticText(d)}\n`);
  const refused = refuseUndecodable(loaded, io, json);
  if (refused !== null) return refused;
  const results = checkExpectations(
    loaded.workspace,
    expectations.map((e) => e.expectation),
  );
  io.stdout(
    json
      ? `${JSON.stringify(checkJson(input.name, expectations, results), null, 2)}\n`
      : checkText(input.name, expectations, results),
  );
  const hasError = loaded.diagnostics.some((d) => d.severity === 'error');
  return hasError || results.some((r) => !r.passed) ? EXIT_INPUT_ERROR : EXIT_OK;
}
