// Lint findings in the Problems list: what the API server accepts but is likely wrong, each with
// its rule id, a click to the place in the YAML and, where one exists, a one-click Fix. Infos
// (coverage, style) are folded away by default so they never drown a warning.
import { memo } from 'react';
import type { LintFinding } from '../../engine/lint/types.ts';
import type { Severity } from '../../model/types.ts';
import { applyQuickFix, findingRange } from '../../store/lint-store.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from './display-text.ts';
import { SeverityIcon } from './SeverityIcon.tsx';

const SEVERITY_WORD: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Suggestion',
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors, then warnings, then infos; text order within each. */
export function bySeverity(findings: readonly LintFinding[]): LintFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** Shows the finding in the YAML, where it is now if the text moved on since it was linted. */
export function revealFinding(f: LintFinding): void {
  const range = findingRange(f);
  const store = workspaceStore.getState();
  if (range) store.revealRange(range);
  else store.notify('That place was just edited: its finding is being checked again.');
}

export const LintRow = memo(function LintRow({ f }: { readonly f: LintFinding }) {
  return (
    <li className="lint-row" data-rule={f.rule}>
      <button
        type="button"
        className={`problem problem-${f.severity}`}
        title="Show in the YAML"
        onClick={() => revealFinding(f)}
      >
        <SeverityIcon severity={f.severity} />
        <span className="problem-text">
          <span className="problem-message">
            <span className="sr-only">{SEVERITY_WORD[f.severity]}: </span>
            {displayText(f.message, 400)}
          </span>
          <span className="problem-where">
            <span className="lint-rule">{f.rule}</span>
            {f.object ? ` · ${displayText(f.object, 60)}` : ''} · line {f.line}:{f.column}
          </span>
        </span>
      </button>
      {f.quickFix && (
        <button
          type="button"
          className="btn lint-fix"
          title={f.quickFix.title}
          aria-label={`Fix: ${f.quickFix.title}`}
          onClick={() => applyQuickFix(f)}
        >
          Fix
        </button>
      )}
    </li>
  );
});

const STALE_NOTE = 'lint-stale-note';

export function LintFindings(props: {
  readonly findings: readonly LintFinding[];
  readonly showInfo: boolean;
  readonly onShowInfo: (show: boolean) => void;
  readonly max: number;
  /** The findings of an older text, shown while the current one is checked. */
  readonly stale?: boolean;
}) {
  const { findings, showInfo, onShowInfo, max, stale = false } = props;
  const infos = findings.filter((f) => f.severity === 'info').length;
  const shown = bySeverity(findings).filter((f) => showInfo || f.severity !== 'info');
  return (
    <>
      {stale && shown.length > 0 && (
        <p className="lint-stale-note" id={STALE_NOTE}>
          Checking your last edit: these findings are from the text before it.
        </p>
      )}
      {shown.length > 0 && (
        <ul
          className={stale ? 'problems-list lint-stale' : 'problems-list'}
          aria-label="Lint findings"
          aria-busy={stale}
          {...(stale ? { 'aria-describedby': STALE_NOTE } : {})}
        >
          {shown.slice(0, max).map((f, i) => (
            <LintRow key={`${f.rule}:${f.line}:${f.column}:${i}`} f={f} />
          ))}
        </ul>
      )}
      {shown.length > max && (
        <p className="problems-more">and {shown.length - max} more lint findings.</p>
      )}
      {infos > 0 && (
        <button
          type="button"
          className="lint-info-toggle"
          aria-pressed={showInfo}
          onClick={() => onShowInfo(!showInfo)}
        >
          <SeverityIcon severity="info" />
          {showInfo
            ? `Hide ${infos} suggestion${infos === 1 ? '' : 's'}`
            : `Show ${infos} suggestion${infos === 1 ? '' : 's'} (coverage and style)`}
        </button>
      )}
    </>
  );
}
