// A workload's lint warnings on the canvas: "⚠ 2", the findings named in its tooltip. A click
// selects the workload and shows the first finding in the YAML.
import { memo } from 'react';
import type { LintFinding } from '../../../engine/lint/types.ts';
import { displayText } from '../../../model/display-text.ts';
import { useLintStore } from '../../../store/lint-store.ts';
import { workspaceStore } from '../../../store/workspace-store.ts';
import { revealFinding } from '../../problems/LintFindings.tsx';
import { SeverityIcon } from '../../problems/SeverityIcon.tsx';

const NONE: readonly LintFinding[] = [];

/** Memoised: a node re-renders on every selection, its badge only when its findings change. */
export const LintBadge = memo(function LintBadge({ id }: { readonly id: string }) {
  const findings = useLintStore((s) => s.byWorkload.get(id) ?? NONE);
  if (findings.length === 0) return null;
  const severity = findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
  const n = findings.length;
  const what = `${n} lint ${severity === 'error' ? 'problem' : 'warning'}${n === 1 ? '' : 's'}`;
  const tooltip = [
    `${what}:`,
    ...findings.slice(0, 6).map((f) => `• ${f.rule}: ${displayText(f.message, 160)}`),
    ...(n > 6 ? [`and ${n - 6} more`] : []),
    'Click to show in the YAML.',
  ].join('\n');
  return (
    <button
      type="button"
      className={`lint-badge lint-badge-${severity} nodrag`}
      title={tooltip}
      data-testid="lint-badge"
      onClick={(e) => {
        e.stopPropagation();
        workspaceStore.getState().select({ kind: 'workload', id });
        const first = findings[0];
        if (first) revealFinding(first);
      }}
    >
      <SeverityIcon severity={severity} />
      {n}
      <span className="sr-only"> {what}; press to show the first in the YAML</span>
    </button>
  );
});
