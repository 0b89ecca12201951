// Reads the CLI's input files into one workspace: the files are joined as separate documents so
// that pods in one file and their controllers in another are read together, and every
// diagnostic is mapped back to its own file, document, line and column.
import type { Diagnostic } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { LineIndex } from '../yaml/text-position.ts';

export interface InputFile {
  /** As given on the command line; `-` is standard input. */
  readonly name: string;
  readonly text: string;
}

export interface FileDiagnostic extends Diagnostic {
  readonly file: string;
}

export interface LoadedInputs {
  readonly workspace: ReadResult;
  /** Each file's diagnostics, in the order of the files given, by line within a file. */
  readonly diagnostics: readonly (readonly FileDiagnostic[])[];
  /** Maps a diagnostic of the joined workspace (a lint finding, say) to its file and position. */
  readonly toFile: <D extends Diagnostic>(
    d: D,
  ) => { index: number; diagnostic: D & { file: string } } | null;
}

interface Region {
  readonly file: string;
  /** Index of the file in the input list. */
  readonly index: number;
  /** Where the file's own text starts in the joined text, and its length there. */
  readonly offset: number;
  readonly length: number;
  /** Where the text the file owns starts: the `---` line inserted before it, or its text. */
  readonly owns: number;
  readonly lines: LineIndex;
  /** Index of the file's first document in the joined stream. */
  firstDocument: number;
}

/**
 * The last offset of a file that is still on one of its lines: its end, or the end of its last
 * line when it ends with a line break (an error "at the end of the stream" points there).
 */
function lastPosition(text: string): number {
  const n = text.length;
  if (n >= 2 && text.charCodeAt(n - 2) === 13 && text.charCodeAt(n - 1) === 10) return n - 2;
  return endsWithLineBreak(text) ? n - 1 : n;
}

/** Whether the text ends with `\n` or `\r` (a look at its last character, not a regex scan). */
function endsWithLineBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 10 || c === 13;
}

/** How the workspace is read: with the YAML trees of policies kept, so findings can point into
 * them (lint), with no model, only diagnostics (validate), or as every other command reads it. */
export type ReadFor = 'locate' | 'diagnostics' | 'model';

export function loadInputs(files: readonly InputFile[], readFor: ReadFor = 'model'): LoadedInputs {
  const regions: Region[] = [];
  let joined = '';
  for (const [index, f] of files.entries()) {
    // A byte order mark only makes sense at the start of a file; drop it before joining.
    const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
    const owns = joined.length;
    if (regions.length > 0) {
      if (!endsWithLineBreak(joined)) joined += '\n';
      // A file that starts with its own marker needs none from us (it would add an empty document).
      if (!/^---([ \t]|\r|\n|$)/.test(text)) joined += '---\n';
    }
    // The file's own line index is built only when one of its diagnostics is mapped: a clean
    // whole-cluster dump never needs it (the joined text has its own, which a single file, the
    // joined text itself, shares).
    let lines: LineIndex | undefined;
    regions.push({
      file: f.name,
      index,
      offset: joined.length,
      length: text.length,
      owns: regions.length > 0 ? owns : 0,
      get lines() {
        // Asked for only after the read below: a single file's text is the joined text.
        lines ??= workspace.lines.text === text ? workspace.lines : new LineIndex(text);
        return lines;
      },
      firstDocument: -1,
    });
    joined += text;
  }

  // Lean: whole-cluster dumps are read document by document, without the app's length cap.
  const workspace = readWorkspace(joined, {
    lean: readFor === 'locate' ? 'keep-policies' : readFor === 'diagnostics' ? 'diagnostics' : true,
  });
  // A document belongs to the file whose text (or inserted marker) it starts in.
  const regionAt = (offset: number): Region | undefined => {
    let found = regions[0];
    // Indexed: this runs once per document of a dump, before the loop is optimised.
    for (let i = 1; i < regions.length; i++) {
      const r = regions[i] as Region;
      if (r.owns <= offset) found = r;
    }
    return found;
  };
  const regionOfDocument: Region[] = [];
  for (const doc of workspace.documents) {
    const r = regionAt(doc.start);
    if (!r) continue;
    regionOfDocument[doc.index] = r;
    if (r.firstDocument < 0) r.firstDocument = doc.index;
  }

  const toFile = <D extends Diagnostic>(d: D) => {
    const at = (line: number, column: number) =>
      workspace.lines.lineStart(line) + Math.max(0, column - 1);
    const start = at(d.line, d.column);
    // The document says which file a diagnostic belongs to; its offset alone cannot tell an error
    // at the end of one file from one at the start of the next, which both sit on the marker line.
    const r = regionOfDocument[d.document] ?? regionAt(start);
    if (!r) return null;
    // Within the file: positions on the added line break or marker mean the file's end.
    const local = (offset: number) =>
      r.lines.position(Math.min(Math.max(0, offset - r.offset), lastPosition(r.lines.text)));
    const a = local(start);
    const b = local(Math.max(start, at(d.endLine, d.endColumn)));
    return {
      index: r.index,
      diagnostic: {
        ...d,
        file: r.file,
        line: a.line,
        column: a.column,
        endLine: b.line,
        endColumn: b.column,
        document: Math.max(0, d.document - Math.max(0, r.firstDocument)),
      },
    };
  };
  const diagnostics: FileDiagnostic[][] = files.map(() => []);
  for (const d of workspace.diagnostics) {
    const mapped = toFile(d);
    if (mapped) diagnostics[mapped.index]?.push(mapped.diagnostic);
  }
  return { workspace, diagnostics, toFile };
}
