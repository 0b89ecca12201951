// Reads dropped or picked files into YAML text: strict UTF-8 (a wrong encoding is reported, not
// garbled), JSON turned into YAML documents, anything else refused with a reason.
import { dump } from 'js-yaml';

export type ImportedFile =
  | { readonly ok: true; readonly name: string; readonly text: string }
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

export async function readImportFile(file: File): Promise<ImportedFile> {
  const name = file.name;
  if (!ACCEPTED.test(name)) {
    return { ok: false, name, error: 'is not a .yaml, .yml or .json file' };
  }
  if (file.size > MAX_BYTES) {
    return { ok: false, name, error: `is larger than ${MAX_BYTES / 1024 / 1024} MB` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { ok: false, name, error: 'is not valid UTF-8 text (save it as UTF-8 and try again)' };
  }
  if (/\.json$/i.test(name)) {
    try {
      text = jsonToYaml(text);
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
  return texts
    .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
    .map((t, i) => (i === 0 || /^---(\s|$)/.test(t) ? t : `---\n${t}`))
    .join('');
}
