// Splits a YAML stream into documents on `---` marker lines, so one broken document never hides
// the others and an edit can rewrite a single document's text. Indices match js-yaml's loadAll.
import type { DocumentSpan } from '../model/types.ts';

/** A `---` at column 0 followed by a space, tab or line end always starts a document in YAML. */
const MARKER = /^---(?=[ \t]|\r?\n|\r|$)/;

export interface SplitResult {
  readonly bom: boolean;
  readonly documents: readonly DocumentSpan[];
  /** Marker lines with content after `---` (kubectl rejects them: "invalid Yaml document separator"). */
  readonly separatorContent: readonly { document: number; offset: number; rest: string }[];
}

/** True when `text[from, to)` holds only blank lines and comment lines (one pass, no copies). */
function isBlankOrComment(text: string, from = 0, to = text.length): boolean {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 35) {
      // A comment runs to the end of its line.
      while (i < to && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
      i++;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * The start offsets of the top-level values of a JSON stream (`{…}{…}`, as `jq -c` writes), or
 * null when the text is not one. kubectl reads a file whose first character (after white space)
 * is `{` as a stream of JSON values, so each value is an object of its own, with no `---`.
 */
export function jsonStreamStarts(text: string, from = 0): number[] | null {
  const starts: number[] = [];
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (depth === 0) {
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      if (c !== 123) return null; // only objects follow one another in a stream kubectl applies
      starts.push(i);
    }
    if (c === 34) {
      // A JSON string: skip to its closing quote.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      if (i >= text.length) return null;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth < 0) return null;
    }
    i++;
  }
  return depth === 0 && starts.length > 1 ? starts : null;
}

export function splitDocuments(text: string): SplitResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const base = bom ? 1 : 0;
  let first = base;
  while (first < text.length && /[ \t\r\n]/.test(text[first] ?? '')) first++;
  const json = text.charCodeAt(first) === 123 ? jsonStreamStarts(text, first) : null;
  if (json) {
    const documents = json.map((at, index) => {
      const start = index === 0 ? base : at;
      const end = json[index + 1] ?? text.length;
      return { index, start, end, contentStart: start, empty: false };
    });
    return { bom, documents, separatorContent: [] };
  }
  // Offsets of each marker line's start, with the offset right after the marker line.
  const markers: { start: number; contentStart: number; rest: string }[] = [];
  let lineStart = base;
  if (!text.includes('\r')) {
    // Without CR line breaks a marker is `---` at the text's start or after a `\n`: indexOf
    // finds them without a look at every character.
    let at = text.startsWith('---', base) ? base : text.indexOf('\n---', base);
    while (at >= 0) {
      const start = at === base && text.startsWith('---', base) ? base : at + 1;
      const after = text.charCodeAt(start + 3);
      if (after === 32 || after === 9 || after === 10 || start + 3 === text.length) {
        let lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = text.length;
        markers.push({ start, contentStart: start, rest: text.slice(start + 3, lineEnd).trim() });
      }
      at = text.indexOf('\n---', start + 1);
    }
    lineStart = text.length + 1;
  }
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    let next = lineEnd;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    // Only lines that begin with `---` are worth a copy and a regex test.
    const line =
      text.charCodeAt(lineStart) === 45 && text.startsWith('---', lineStart)
        ? text.slice(lineStart, lineEnd)
        : '';
    if (line !== '' && MARKER.test(line)) {
      // js-yaml parses the rest of the marker line as content, so the document starts at the marker.
      markers.push({ start: lineStart, contentStart: lineStart, rest: line.slice(3).trim() });
    }
    if (next === lineStart || next > text.length) break;
    if (lineEnd === text.length) break;
    lineStart = next;
  }

  const spans: DocumentSpan[] = [];
  const separatorContent: { document: number; offset: number; rest: string }[] = [];
  const push = (start: number, end: number, contentStart: number) => {
    const from = text.startsWith('---', contentStart) ? contentStart + 3 : contentStart;
    const empty = isBlankOrComment(text, from, end);
    spans.push({ index: spans.length, start, end, contentStart, empty });
  };

  const firstMarker = markers[0]?.start ?? text.length;
  // A prefix of comments and blank lines before the first marker is not a document of its own.
  const prefixIsDocument = markers.length === 0 || !isBlankOrComment(text, base, firstMarker);
  if (prefixIsDocument) push(base, firstMarker, base);
  markers.forEach((m, i) => {
    const end = markers[i + 1]?.start ?? text.length;
    const start = i === 0 && !prefixIsDocument ? base : m.start;
    if (m.rest !== '' && !m.rest.startsWith('#')) {
      separatorContent.push({ document: spans.length, offset: m.start, rest: m.rest });
    }
    push(start, end, m.contentStart);
  });
  if (markers.length === 0 && isBlankOrComment(text, base, firstMarker)) {
    // Blank or comment-only text is a stream of no documents (as js-yaml's loadAll reads it).
    return { bom, documents: [], separatorContent };
  }
  return { bom, documents: spans, separatorContent };
}
