// `validate` of one file or of standard input, streamed: the bytes are decoded a piece at a time,
// cut into windows of whole documents and each window read and dropped (`DiagnosticsStream`), so
// memory does not grow with the input. The diagnostics are those of `loadAll` over the whole text
// (held so by validate-stream.property.test.ts): lines counted from the file's start, positions
// past its last line clamped to it, the Helm hint, the invalid-UTF-8 error where its byte is.
import { decodeUtf8 } from '../model/decode-utf8.ts';
import { DiagnosticsStream } from '../yaml/read-workspace.ts';
import { DocumentWindows } from '../yaml/document-windows.ts';
import { refusalOf } from './collect-inputs.ts';
import type { Refusal } from './collect-inputs.ts';
import { findTemplateAction, HELM_HINT } from './helm-hint.ts';
import type { FileDiagnostic } from './load-inputs.ts';

/** How much text a window holds at least (unless the input ends): a few of the reader's batches. */
export const WINDOW_CHARS = 1 << 14;

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Position = { readonly line: number; readonly column: number };

const before = (a: Position, b: Position) =>
  a.line < b.line || (a.line === b.line && a.column < b.column);

/** Where a text's end is, relative to its start: line breaks in it, characters after the last. */
function endOf(text: string): { breaks: number; column: number } {
  let breaks = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!(c === 10 && text.charCodeAt(i - 1) === 13)) breaks++;
      lineStart = i + 1;
    }
  }
  return { breaks, column: text.length - lineStart };
}

/** The number of bytes at the end of `bytes` that start a character not yet complete. */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = n - 1;
  while (k >= 0 && k > n - 4 && ((bytes[k] as number) & 0xc0) === 0x80) k--;
  if (k < 0) return 0;
  const lead = bytes[k] as number;
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1;
  return lead < 0xf5 && k + length > n ? n - k : 0;
}

export type StreamedValidation =
  { readonly refusal: Refusal } | { readonly diagnostics: readonly FileDiagnostic[] };

/**
 * Validates the bytes of one input, given in pieces of any size (a piece may end inside a
 * character). `maxBytes`: above it the input is refused, as `collectInputs` refuses it.
 */
export async function validateChunks(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes = Infinity,
  windowChars = WINDOW_CHARS,
): Promise<StreamedValidation> {
  const stream = new DiagnosticsStream();
  let bom = false;
  let helm: Position | null = null;
  let linesBefore = 0;
  const windows = new DocumentWindows(windowChars, (window) => {
    if (helm === null && window.includes('{{')) {
      // As on the whole text: the byte order mark is part of its first line there.
      const found = findTemplateAction(bom && linesBefore === 0 ? `\ufeff${window}` : window);
      if (found) helm = { line: found.line + linesBefore, column: found.column };
    }
    stream.read(window);
    linesBefore = stream.lines;
  });

  let total = 0;
  let first = true;
  let carry: Uint8Array | null = null;
  let bad: Position & { message: string } = { line: 0, column: 0, message: '' };
  const decode = (bytes: Uint8Array): boolean => {
    let text: string;
    try {
      text = fatal.decode(bytes);
    } catch {
      bad = badByte(bytes, first, linesBefore, windows.pendingText);
      return false;
    }
    if (first && text !== '') {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        bom = true;
        text = text.slice(1);
      }
    }
    windows.push(text);
    return true;
  };

  let ok = true;
  const pieces =
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<Uint8Array>)[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await pieces.next();
    } catch (err) {
      // The input cannot be read (or not to its end): refused, as a path that cannot be read.
      return { refusal: refusalOf(name, err) };
    }
    if (next.done === true) break;
    const chunk = next.value;
    total += chunk.length;
    if (!ok || total > maxBytes) continue;
    let bytes = chunk;
    if (carry) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    const tail = incompleteTail(bytes);
    // A copy: the reader may fill the chunk's buffer again.
    carry = tail > 0 ? bytes.slice(bytes.length - tail) : null;
    ok = decode(tail > 0 ? bytes.subarray(0, bytes.length - tail) : bytes);
  }
  if (total > maxBytes)
    return {
      refusal: {
        code: 'too-large',
        message: `too large: the input reaches ${total} bytes with this file; the limit is ${maxBytes}`,
        file: name,
      },
    };
  if (ok && carry) ok = decode(carry);
  if (!ok) return { diagnostics: [located(name, bad, 'error', 'invalid-utf-8', bad.message)] };
  windows.end();

  const { diagnostics, last } = stream.finish();
  const clamp = (p: Position) => (before(last, p) ? last : p);
  const own: FileDiagnostic[] = diagnostics.map((d) => {
    const a = clamp({ line: d.line, column: Math.max(1, d.column) });
    const end = { line: d.endLine, column: Math.max(1, d.endColumn) };
    const b = clamp(before(end, a) ? a : end);
    return {
      ...d,
      file: name,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
  });
  if (helm) own.push(located(name, helm, 'info', 'helm-template', HELM_HINT));
  return { diagnostics: own.sort((x, y) => x.line - y.line || x.column - y.column) };
}

/**
 * Where the first byte that is not UTF-8 is, as `decodeUtf8` says it of the whole input: the
 * bytes that failed are placed after the text decoded before them (`pending`, the part not yet
 * given out in windows, after `linesBefore` lines).
 */
function badByte(
  bytes: Uint8Array,
  first: boolean,
  linesBefore: number,
  pending: string,
): Position & { message: string } {
  if (first) {
    const r = decodeUtf8(bytes);
    return r.ok ? { line: 1, column: 1, message: '' } : r;
  }
  // A letter first, so the bytes are never read as starting with a byte order mark.
  const padded = new Uint8Array(bytes.length + 1);
  padded[0] = 0x78;
  padded.set(bytes, 1);
  const r = decodeUtf8(padded);
  if (r.ok) return { line: 1, column: 1, message: '' };
  const end = endOf(pending);
  const line = linesBefore + end.breaks + 1;
  if (r.line === 1) return { line, column: end.column + r.column - 1, message: r.message };
  // A CR before the bytes and an LF first in them are one line break.
  const crlf = pending.endsWith('\r') && bytes[0] === 10 ? 1 : 0;
  return { line: line + r.line - 1 - crlf, column: r.column, message: r.message };
}

/** A diagnostic of a whole file at one place (not UTF-8, a Helm template). */
export function located(
  file: string,
  at: Position,
  severity: FileDiagnostic['severity'],
  code: string,
  message: string,
): FileDiagnostic {
  return {
    file,
    severity,
    code,
    message,
    path: '',
    document: 0,
    line: at.line,
    column: at.column,
    endLine: at.line,
    endColumn: at.column,
  };
}
