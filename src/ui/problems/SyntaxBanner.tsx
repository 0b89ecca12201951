// Says, over the canvas, that it shows an older version while the YAML does not parse; or, when
// the YAML parses, that some NetworkPolicies have errors and are left out of the verdicts (the
// API server would reject them, so they would not be enforced), which otherwise shows only as
// pods turning "open" on the canvas.
import { useMemo } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import type { ParsedText } from '../../store/parse-text.ts';
import type { Diagnostic } from '../../model/types.ts';
import { rejectedPolicies } from './rejected-policies.ts';
import { displayText } from '../../model/display-text.ts';
import { SeverityIcon } from './SeverityIcon.tsx';

const goTo = (d: Diagnostic) =>
  workspaceStore.getState().revealRange({
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  });

export function SyntaxBanner() {
  const first = useWorkspaceStore((s) =>
    s.hasSyntaxErrors ? s.parsed.diagnostics.find((d) => d.severity === 'error') : undefined,
  );
  const parsed = useWorkspaceStore((s) => (s.hasSyntaxErrors ? null : s.lastValid));
  if (!first) return parsed ? <RejectedPoliciesBanner parsed={parsed} /> : null;
  return (
    <div className="banner" role="alert">
      <SeverityIcon severity="error" />
      <span>
        <strong>The YAML has syntax errors.</strong> Canvas shows the last valid version; fix the
        YAML to edit on the canvas.
      </span>
      <button type="button" className="banner-link" onClick={() => goTo(first)}>
        Go to line {first.line}
      </button>
    </div>
  );
}

/** Policies named in the banner; the rest are counted. */
const NAMED = 3;

function RejectedPoliciesBanner({ parsed }: { readonly parsed: ParsedText }) {
  const { shown, total } = useMemo(() => rejectedPolicies(parsed, NAMED), [parsed]);
  const [head] = shown;
  if (!head) return null;
  const names = shown.map((r) => displayText(r.id, 60));
  const more = total > shown.length ? ` and ${total - shown.length} more` : '';
  return (
    <div className="banner warning" role="status">
      <SeverityIcon severity="warning" />
      <span>
        <strong>
          {total === 1
            ? `NetworkPolicy ${names[0]} has errors`
            : `${total} NetworkPolicies have errors (${names.join(', ')}${more})`}
          .
        </strong>{' '}
        The API server would reject {total === 1 ? 'it' : 'them'}, so the verdicts leave{' '}
        {total === 1 ? 'it' : 'them'} out.
      </span>
      {head.error && (
        <button
          type="button"
          className="banner-link"
          onClick={() => head.error && goTo(head.error)}
        >
          Go to line {head.error.line}
        </button>
      )}
    </div>
  );
}
