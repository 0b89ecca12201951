// Turns the workspace text into what the UI draws from: the model, its diagnostics and whether the
// YAML itself is broken (then the canvas keeps the last valid version). Pure: runs in the worker too.
import type { Diagnostic, Workspace } from '../model/types.ts';
import { parseYamlStream } from '../yaml/yaml-tree.ts';
import type { ParsedStream } from '../yaml/yaml-tree.ts';
import { LineIndex } from '../yaml/text-position.ts';

/** One parse of one exact text. `text` lets callers drop results that arrive after a newer edit. */
export interface ParsedText {
  readonly text: string;
  readonly workspace: Workspace;
  /** Every diagnostic, YAML syntax and API validation alike, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when some document is not valid YAML: the model may be missing objects. */
  readonly hasSyntaxErrors: boolean;
}

const EMPTY_WORKSPACE: Workspace = {
  documents: [],
  namespaces: [],
  workloads: [],
  policies: [],
  others: [],
  diagnostics: [],
};

/** Stream-level problems (the text is not YAML) as opposed to objects the API server would reject. */
function syntaxDiagnostics(text: string, stream: ParsedStream): Diagnostic[] {
  const lines = new LineIndex(text);
  const out: Diagnostic[] = [];
  for (const doc of stream.documents) {
    for (const p of doc.problems) {
      const at = lines.range(p.offset, p.offset);
      out.push({
        severity: 'error',
        message: p.message,
        path: '',
        document: doc.span.index,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        code: p.code,
      });
    }
  }
  return out;
}

export function parseText(text: string): ParsedText {
  const stream = parseYamlStream(text);
  const diagnostics = syntaxDiagnostics(text, stream);
  return {
    text,
    workspace: { ...EMPTY_WORKSPACE, documents: stream.documents.map((d) => d.span), diagnostics },
    diagnostics,
    hasSyntaxErrors: diagnostics.some((d) => d.code.startsWith('yaml-')),
  };
}

export const EMPTY_PARSE: ParsedText = parseText('');
