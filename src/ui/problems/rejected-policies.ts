// NetworkPolicies the API server would reject: the canvas leaves them out of every verdict.
import type { ParsedText } from '../../store/parse-text.ts';
import type { Diagnostic } from '../../model/types.ts';

/** The invalid NetworkPolicies of a parse, each with its first error. */
export function rejectedPolicies(
  parsed: ParsedText,
): { readonly id: string; readonly error: Diagnostic | undefined }[] {
  return parsed.workspace.policies
    .filter((p) => !p.valid)
    .map((p) => ({
      id: p.id,
      error: parsed.diagnostics.find(
        (d) =>
          d.severity === 'error' &&
          d.document === p.source?.document &&
          (p.source.objectPath === '' || d.objectPath === p.source.objectPath),
      ),
    }));
}
