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

function isBlankOrComment(text: string): boolean {
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) return false;
  }
  return true;
}

export function splitDocuments(text: string): SplitResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const base = bom ? 1 : 0;
  // Offsets of each marker line's start, with the offset right after the marker line.
  const markers: { start: number; contentStart: number; rest: string }[] = [];
  let lineStart = base;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    let next = lineEnd;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    const line = text.slice(lineStart, lineEnd);
    if (MARKER.test(line)) {
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
    const empty = isBlankOrComment(text.slice(contentStart, end).replace(/^---/, ''));
    spans.push({ index: spans.length, start, end, contentStart, empty });
  };

  const firstMarker = markers[0]?.start ?? text.length;
  const prefix = text.slice(base, firstMarker);
  // A prefix of comments and blank lines before the first marker is not a document of its own.
  const prefixIsDocument = markers.length === 0 || !isBlankOrComment(prefix);
  if (prefixIsDocument) push(base, firstMarker, base);
  markers.forEach((m, i) => {
    const end = markers[i + 1]?.start ?? text.length;
    const start = i === 0 && !prefixIsDocument ? base : m.start;
    if (m.rest !== '' && !m.rest.startsWith('#')) {
      separatorContent.push({ document: spans.length, offset: m.start, rest: m.rest });
    }
    push(start, end, m.contentStart);
  });
  if (markers.length === 0 && isBlankOrComment(prefix)) {
    // Blank or comment-only text is a stream of no documents (as js-yaml's loadAll reads it).
    return { bom, documents: [], separatorContent };
  }
  return { bom, documents: spans, separatorContent };
}
