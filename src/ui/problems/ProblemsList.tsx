// The diagnostics of the current text: severity, message, where. A click moves the YAML editor
// to the place, so a newcomer can go from "what is wrong" to "where" in one step. Below them, the
// lint findings of the same text (LintFindings.tsx).
import { memo, useState } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { useLintStore } from '../../store/lint-store.ts';
import type { Diagnostic, Severity } from '../../model/types.ts';
import type { LintFinding } from '../../engine/lint/types.ts';
import { displayText } from './display-text.ts';
import { SeverityIcon } from './SeverityIcon.tsx';
import { LintFindings } from './LintFindings.tsx';
import { MigrationOffers } from './MigrationOffers.tsx';
import { migrationOffers } from '../../store/cluster-gestures.ts';
import './lint.css';

const SEVERITY_WORD: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** Lists stay usable for pasted cluster dumps; the rest is summarised. */
const MAX_SHOWN = 200;

const NO_FINDINGS: readonly LintFinding[] = [];

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
  const parsed = useWorkspaceStore((s) => s.parsed);
  const diagnostics = parsed.diagnostics;
  const lintText = useLintStore((s) => s.text);
  const allFindings = useLintStore((s) => s.findings);
  // A large text is linted in the worker once typing pauses: until then its suggestions are
  // being checked, not absent. The last text's stay listed (marked as such), as an editor keeps its
  // markers while it checks again: a keystroke neither empties the list nor rebuilds it, and a
  // click goes to where the finding is now (findingRange). Otherwise (a small text between its
  // parse and its lint, or broken YAML) findings of another text are not shown.
  const checking =
    lintText !== parsed.text && !parsed.hasSyntaxErrors && parsed.trees === 'on-demand';
  const findings = lintText === parsed.text || checking ? allFindings : NO_FINDINGS;
  const [open, setOpen] = useState(true);
  const [showInfo, setShowInfo] = useState(false);
  const all = [...diagnostics, ...findings];
  const errors = count(all, 'error');
  const offers = migrationOffers(parsed);
  const warnings = count(all, 'warning') + offers.length;
  const infos = count(all, 'info');
  const shown = diagnostics.slice(0, MAX_SHOWN);
  const quiet = errors + warnings === 0 && !checking;

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
              <span className="count count-error" title={`${errors} errors`}>
                <SeverityIcon severity="error" /> {errors}
              </span>
            )}
            {warnings > 0 && (
              <span className="count count-warning" title={`${warnings} warnings`}>
                <SeverityIcon severity="warning" /> {warnings}
              </span>
            )}
            {quiet && <span className="count count-ok">None</span>}
            {checking && <span className="count count-checking">checking…</span>}
            {infos > 0 && (
              <span className="count count-info" title={`${infos} suggestions`}>
                <SeverityIcon severity="info" /> {infos}
              </span>
            )}
          </span>
        </button>
      </h2>
      {open && (
        <div id="problems-list" className="problems-body">
          {quiet && diagnostics.length === 0 && (
            <p className="problems-empty">No problems in the YAML.</p>
          )}
          {diagnostics.length > 0 && (
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
          <MigrationOffers offers={offers} />
          <LintFindings
            findings={findings}
            showInfo={showInfo}
            onShowInfo={setShowInfo}
            max={MAX_SHOWN}
            stale={checking}
          />
        </div>
      )}
    </section>
  );
}
