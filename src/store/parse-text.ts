// Turns the workspace text into what the UI draws from: the model, its diagnostics and whether the
// YAML itself is broken (then the canvas keeps the last valid version). Pure: runs in the worker too.
import type { Diagnostic, Workspace } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';

/** One parse of one exact text. `text` lets callers drop results that arrive after a newer edit. */
export interface ParsedText {
  readonly text: string;
  /** The full read, with the positioned YAML tree for `locate(result, source, fieldPath)`. */
  readonly result: ReadResult;
  /** The model (the same object as `result`, typed as the plain workspace). */
  readonly workspace: Workspace;
  /** Every diagnostic, YAML syntax and API validation alike, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** True when some document is not valid YAML: the model may be missing objects. */
  readonly hasSyntaxErrors: boolean;
  /**
   * 'on-demand': a read from the worker, whose YAML trees are read from the text when asked for
   * (see parse-reply.ts): a large text's lint runs on the worker's own read.
   */
  readonly trees?: 'on-demand';
}

/** Stream problems that are warnings rather than broken YAML. */
const NOT_SYNTAX = new Set(['yaml-extra-document']);

export function fromReadResult(text: string, result: ReadResult): ParsedText {
  const hasSyntaxErrors = result.stream.documents.some((d) =>
    d.problems.some((p) => !NOT_SYNTAX.has(p.code)),
  );
  return { text, result, workspace: result, diagnostics: result.diagnostics, hasSyntaxErrors };
}

/** With `previous` (a parse of an earlier version), the documents before the edit are taken over. */
export function parseText(text: string, previous?: ParsedText): ParsedText {
  return fromReadResult(text, readWorkspace(text, {}, previous?.result));
}

export const EMPTY_PARSE: ParsedText = parseText('');
