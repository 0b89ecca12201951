// Reads the CLI's input files into one workspace: the files are joined as separate documents so
// that pods in one file and their controllers in another are read together, and every
// diagnostic is mapped back to its own file, document, line and column.
import type { Diagnostic } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';

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
  readonly diagnostics: readonly FileDiagnostic[];
}

interface Region {
  readonly file: string;
  /** Offset and 1-based line where the file's text starts in the joined text. */
  readonly offset: number;
  readonly line: number;
  /** Offset of the `---` line inserted before the file, or -1. */
  readonly separator: number;
  /** Index of the file's first document in the joined stream. */
  firstDocument: number;
}

const countLines = (s: string) => (s.match(/\r\n|\n|\r/g) ?? []).length;

export function loadInputs(files: readonly InputFile[]): LoadedInputs {
  const regions: Region[] = [];
  let joined = '';
  for (const f of files) {
    // A byte order mark only makes sense at the start of a file; drop it before joining.
    const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
    let separator = -1;
    if (regions.length > 0) {
      if (!/(\r\n|\n|\r)$/.test(joined)) joined += '\n';
      // A file that starts with its own marker needs none from us (it would add an empty document).
      if (!/^---([ \t]|\r|\n|$)/.test(text)) {
        separator = joined.length;
        joined += '---\n';
      }
    }
    regions.push({
      file: f.name,
      offset: joined.length,
      line: countLines(joined) + 1,
      separator,
      firstDocument: -1,
    });
    joined += text;
  }

  const workspace = readWorkspace(joined);
  const regionOfDocument = (start: number): Region => {
    let found = regions[0];
    for (const r of regions) if (r.offset <= start || r.separator === start) found = r;
    return found as Region;
  };
  for (const doc of workspace.documents) {
    const r = regionOfDocument(doc.start);
    if (r.firstDocument < 0) r.firstDocument = doc.index;
  }
  const lineStarts = regions.map((r) => r.line);
  const regionOfLine = (line: number): Region => {
    let i = 0;
    for (let k = 0; k < lineStarts.length; k++) if ((lineStarts[k] ?? 0) <= line) i = k;
    return regions[i] as Region;
  };

  const diagnostics = workspace.diagnostics.map((d): FileDiagnostic => {
    const r = regionOfLine(d.line);
    return {
      ...d,
      file: r.file,
      line: d.line - r.line + 1,
      endLine: d.endLine - r.line + 1,
      document: Math.max(0, d.document - Math.max(0, r.firstDocument)),
    };
  });
  return { workspace, diagnostics };
}
