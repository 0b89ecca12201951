// The diagnostics of the current text: severity, message, where. A click moves the YAML editor
// to the place, so a newcomer can go from "what is wrong" to "where" in one step.
import { memo, useState } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import type { Diagnostic, Severity } from '../../model/types.ts';
import { displayText } from './display-text.ts';
import { SeverityIcon } from './SeverityIcon.tsx';

const SEVERITY_WORD: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** Lists stay usable for pasted cluster dumps; the rest is summarised. */
const MAX_SHOWN = 200;

function count(diags: readonly Diagnostic[], s: Severity): number {
  return diags.reduce((n, d) => n + (d.severity === s ? 1 : 0), 0);
}

const ProblemRow = memo(function ProblemRow({ d }: { readonly d: Diagnostic }) {
  return (
    <li>
      <button
        type="button"
        className={`problem problem-${d.severity}`}
        title="Show in the YAML"
        onClick={() =>
          workspaceStore.getState().revealRange({
            line: d.line,
            column: d.column,
            endLine: d.endLine,
            endColumn: d.endColumn,
          })
        }
      >
        <SeverityIcon severity={d.severity} />
        <span className="problem-text">
          <span className="problem-message">
            <span className="sr-only">{SEVERITY_WORD[d.severity]}: </span>
            {displayText(d.message, 300)}
          </span>
          <span className="problem-where">
            {/* A broken document has no object yet: say which document of the stream it is. */}
            {d.object ? displayText(d.object, 60) : `document ${d.document + 1}`} · line {d.line}:
            {d.column}
          </span>
        </span>
      </button>
    </li>
  );
});

export function ProblemsList() {
  const diagnostics = useWorkspaceStore((s) => s.parsed.diagnostics);
  const [open, setOpen] = useState(true);
  // "No objects" on an empty text is a hint, not a problem worth a red panel.
  const errors = count(diagnostics, 'error');
  const warnings = count(diagnostics, 'warning');
  const shown = diagnostics.slice(0, MAX_SHOWN);

  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 className="problems-header">
        <button
          type="button"
          className="problems-toggle"
          aria-expanded={open}
          aria-controls="problems-list"
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className={`chevron ${open ? 'open' : ''}`}>
            ›
          </span>
          <span id="problems-title">Problems</span>
          <span className="problems-counts">
            {errors > 0 && (
              <span className="count count-error">
                <SeverityIcon severity="error" /> {errors}
              </span>
            )}
            {warnings > 0 && (
              <span className="count count-warning">
                <SeverityIcon severity="warning" /> {warnings}
              </span>
            )}
            {diagnostics.length === 0 && <span className="count count-ok">None</span>}
          </span>
        </button>
      </h2>
      {open && (
        <div id="problems-list" className="problems-body">
          {diagnostics.length === 0 ? (
            <p className="problems-empty">No problems in the YAML.</p>
          ) : (
            <ul className="problems-list" aria-label="Problems in the YAML">
              {shown.map((d, i) => (
                <ProblemRow key={`${d.line}:${d.column}:${d.code}:${i}`} d={d} />
              ))}
            </ul>
          )}
          {diagnostics.length > MAX_SHOWN && (
            <p className="problems-more">
              and {diagnostics.length - MAX_SHOWN} more; fix the first ones to see the rest.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
