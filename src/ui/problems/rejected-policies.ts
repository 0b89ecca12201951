// NetworkPolicies the API server would reject: the canvas leaves them out of every verdict.
import type { ParsedText } from '../../store/parse-text.ts';
import type { Diagnostic } from '../../model/types.ts';

export interface RejectedPolicy {
  readonly id: string;
  readonly error: Diagnostic | undefined;
}

/**
 * The invalid NetworkPolicies of a parse, each with its first error: the first `limit` of them
 * and how many there are. Linear in policies plus diagnostics (40,000 invalid policies in a
 * pasted dump must not take a search of every diagnostic each).
 */
export function rejectedPolicies(
  parsed: ParsedText,
  limit = Infinity,
): { readonly shown: readonly RejectedPolicy[]; readonly total: number } {
  const invalid = parsed.workspace.policies.filter((p) => !p.valid);
  const shown = invalid.slice(0, limit);
  if (shown.length === 0) return { shown: [], total: invalid.length };
  // First error per document, and per object of a document (List items).
  const byDocument = new Map<number, Diagnostic>();
  const byObject = new Map<string, Diagnostic>();
  for (const d of parsed.diagnostics) {
    if (d.severity !== 'error') continue;
    if (!byDocument.has(d.document)) byDocument.set(d.document, d);
    const key = `${d.document}|${d.objectPath ?? ''}`;
    if (!byObject.has(key)) byObject.set(key, d);
  }
  return {
    total: invalid.length,
    shown: shown.map((p) => ({
      id: p.id,
      error: !p.source
        ? undefined
        : p.source.objectPath === ''
          ? byDocument.get(p.source.document)
          : byObject.get(`${p.source.document}|${p.source.objectPath}`),
    })),
  };
}
