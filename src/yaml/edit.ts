// Document-level text edits: replace, add or remove one document of a YAML stream while every
// other byte (comments, CRLF, BOM, other documents) stays as the user wrote it.
import type { DocumentSpan, TextEdit } from '../model/types.ts';
import { splitDocuments } from './split-documents.ts';

/** The line break the text already uses (CRLF when its first line break is CRLF). */
export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function withEol(docText: string, eol: string): string {
  const normalized = docText.replace(/\r\n?/g, '\n');
  const body = normalized.endsWith('\n') ? normalized : `${normalized}\n`;
  return eol === '\n' ? body : body.replace(/\n/g, eol);
}

function spanOf(text: string, index: number): DocumentSpan | undefined {
  return splitDocuments(text).documents[index];
}

/** Where a document's own content begins: after its `---` marker line, when it has one. */
function bodyStart(text: string, span: DocumentSpan): number {
  const marker = text.startsWith('---', span.contentStart) ? span.contentStart : -1;
  if (marker < 0) {
    // The first document may carry a comment prefix and then its marker further down.
    const m = /^---[ \t]*(#.*)?(\r\n|\n|\r|$)/m.exec(text.slice(span.start, span.end));
    if (!m || !isPrefixOnly(text.slice(span.start, span.start + m.index))) return span.start;
    return span.start + m.index + m[0].length;
  }
  const lineEnd = /\r\n|\n|\r|$/.exec(text.slice(marker));
  const rest = text.slice(marker + 3, marker + (lineEnd?.index ?? 0)).trim();
  // `--- {a: 1}` keeps its content on the marker line: replace from right after `---`.
  if (rest !== '' && !rest.startsWith('#')) return marker + 3;
  return marker + (lineEnd?.index ?? 0) + (lineEnd?.[0].length ?? 0);
}

function isPrefixOnly(text: string): boolean {
  return text.split(/\r\n|\n|\r/).every((l) => l.trim() === '' || l.trim().startsWith('#'));
}

/**
 * Replaces the content of document `index` (its `---` line and any comment prefix before it
 * stay). Returns null when the document does not exist.
 */
export function replaceDocument(text: string, index: number, newDocText: string): TextEdit | null {
  const span = spanOf(text, index);
  if (!span) return null;
  const eol = detectEol(text);
  const start = bodyStart(text, span);
  let replacement = withEol(newDocText, eol);
  // Content that sat on the marker line (`--- {a: 1}`) moves to its own line.
  if (start === span.contentStart + 3) replacement = `${eol}${replacement}`;
  return { start, end: span.end, text: replacement };
}

/** Appends a document at the end, with a `---` separator and the text's line breaks. */
export function appendDocument(text: string, newDocText: string): TextEdit {
  const eol = detectEol(text);
  const body = withEol(newDocText, eol);
  // A text with anything but white space gets the separator; one of white space alone only when
  // it still holds a document (a no-break space is content to YAML). Split only then: a lint run
  // appends one policy per quick fix, and splitting a 5 MB text each time cost it ~0.3 s.
  const hasContent = /\S/.test(text) || (text !== '' && splitDocuments(text).documents.length > 0);
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  const prefix = (needsBreak ? eol : '') + (hasContent ? `---${eol}` : '');
  return { start: text.length, end: text.length, text: `${prefix}${body}` };
}

/** Removes document `index` with its separator, leaving neighbours intact. */
export function removeDocument(text: string, index: number): TextEdit | null {
  const split = splitDocuments(text);
  const span = split.documents[index];
  if (!span) return null;
  const isFirst = index === 0;
  const next = split.documents[index + 1];
  if (isFirst && next) {
    // Keep a comment prefix that heads the stream; drop this document up to the next marker,
    // so the following document keeps every byte.
    const start = bodyStart(text, span) === span.start ? span.start : span.contentStart;
    return { start, end: next.start, text: '' };
  }
  return { start: span.start, end: span.end, text: '' };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Applies non-overlapping edits (in any order) as one change. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new RangeError('overlapping text edits');
    out = applyEdit(out, e);
    limit = e.start;
  }
  return out;
}
