// Says, over the canvas, that it shows an older version while the YAML does not parse.
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { SeverityIcon } from './SeverityIcon.tsx';

export function SyntaxBanner() {
  const first = useWorkspaceStore((s) =>
    s.hasSyntaxErrors ? s.parsed.diagnostics.find((d) => d.severity === 'error') : undefined,
  );
  if (!first) return null;
  return (
    <div className="banner" role="alert">
      <SeverityIcon severity="error" />
      <span>
        <strong>The YAML has syntax errors.</strong> Canvas shows the last valid version; fix the
        YAML to edit on the canvas.
      </span>
      <button
        type="button"
        className="banner-link"
        onClick={() =>
          workspaceStore.getState().revealRange({
            line: first.line,
            column: first.column,
            endLine: first.endLine,
            endColumn: first.endColumn,
          })
        }
      >
        Go to line {first.line}
      </button>
    </div>
  );
}
