// Reads dropped or picked files into YAML text: strict UTF-8 (a wrong encoding is reported, not
// garbled; a byte order mark is kept), JSON turned into YAML documents when that changes nothing
// the reader (the CLI's) says about it, anything else refused with a reason.
import { dump } from 'js-yaml';
import { decodeUtf8 } from '../../model/decode-utf8.ts';
import type { Diagnostic } from '../../model/types.ts';
import { parseText } from '../../store/parse-text.ts';

export type ImportedFile =
  | {
      readonly ok: true;
      readonly name: string;
      readonly text: string;
      /** Said to the user: how the file was taken in, when not as written. */
      readonly note?: string;
    }
  | { readonly ok: false; readonly name: string; readonly error: string };

const ACCEPTED = /\.(ya?ml|json)$/i;
export const ACCEPT_ATTRIBUTE = '.yaml,.yml,.json,application/json,application/yaml,text/yaml';
/** Larger files would make the editor sluggish and the parser refuse them anyway. */
const MAX_BYTES = 10 * 1024 * 1024;

const DUMP = { lineWidth: -1, noRefs: true } as const;

/** A JSON object (or a `kind: List` of them) as YAML documents, one per object. */
export function jsonToYaml(json: string): string {
  const value: unknown = JSON.parse(json);
  const items =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as Record<string, unknown>)['items']) &&
    /List$/.test(String((value as Record<string, unknown>)['kind']))
      ? ((value as Record<string, unknown>)['items'] as unknown[])
      : Array.isArray(value)
        ? value
        : [value];
  // One document per object, so each can be edited (and drawn) on its own.
  return items.map((item) => dump(item, DUMP)).join('---\n');
}

const verdictKey = (d: Diagnostic) => `${d.severity}|${d.code}|${d.object ?? ''}|${d.path}`;

/** Diagnostics of `a` that `b` lacks (as a multiset by severity, code, object and path). */
function lost(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const left = new Map<string, number>();
  for (const d of b) left.set(verdictKey(d), (left.get(verdictKey(d)) ?? 0) + 1);
  return a.filter((d) => {
    const n = left.get(verdictKey(d)) ?? 0;
    if (n > 0) left.set(verdictKey(d), n - 1);
    return n === 0;
  });
}

/**
 * A JSON file as the editor takes it in: as YAML documents when the reader the CLI uses says the
 * same of both, else as written (JSON is YAML), so what it reports (duplicate fields, numbers
 * that are not integers) is not hidden by JSON.parse's own reading.
 */
export function importJson(json: string): { text: string; note?: string } {
  const converted = jsonToYaml(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  const asWritten = parseText(json).diagnostics;
  const hidden = lost(asWritten, parseText(converted).diagnostics);
  const [first] = hidden;
  if (!first && lost(parseText(converted).diagnostics, asWritten).length === 0)
    return { text: converted };
  return {
    text: json,
    note: `kept as JSON: converted to YAML it would read differently${first ? ` (${first.message})` : ''}`,
  };
}

export async function readImportFile(file: File): Promise<ImportedFile> {
  const name = file.name;
  if (!ACCEPTED.test(name)) {
    return { ok: false, name, error: 'is not a .yaml, .yml or .json file' };
  }
  if (file.size > MAX_BYTES) {
    return { ok: false, name, error: `is larger than ${MAX_BYTES / 1024 / 1024} MB` };
  }
  // The CLI decodes with the same decoder, so both give one verdict on a file.
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const at = `line ${decoded.line}, column ${decoded.column}`;
    return { ok: false, name, error: `is not valid UTF-8 text at ${at} (save it as UTF-8)` };
  }
  // The decoder drops a byte order mark; it is part of the user's file, so it stays (the reader
  // skips it).
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bom ? `\ufeff${decoded.text}` : decoded.text;
  if (/\.json$/i.test(name)) {
    try {
      const taken = importJson(text);
      return { ok: true, name, ...taken };
    } catch (e) {
      return {
        ok: false,
        name,
        error: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return { ok: true, name, text };
}

/** Several files as one stream, each starting a new document. */
export function joinStreams(texts: readonly string[]): string {
  return (
    texts
      // A byte order mark belongs at the start of the stream only.
      .map((t, i) => (i > 0 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t))
      // A file gets a line break only where another follows it: a lone file keeps its bytes.
      .map((t, i) => (i === texts.length - 1 || /[\r\n]$/.test(t) ? t : `${t}\n`))
      .map((t, i) => (i === 0 || /^---(\s|$)/.test(t) ? t : `---\n${t}`))
      .join('')
  );
}
