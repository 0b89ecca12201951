// A namespace's Baseline default deny (a ClusterNetworkPolicy in the Baseline tier): denies what
// no Admin rule and no NetworkPolicy decided. Each direction shows whether the namespace has one;
// adding or removing it shows the flows it would flip first.
import { useMemo, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import {
  addBaselineDeny,
  baselineDenyNames,
  previewBaselineDeny,
  previewRemoveBaselineDeny,
  removeBaselineDeny,
} from '../../store/cluster-gestures.ts';
import type { ClusterPreview } from '../../store/cluster-gestures.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import './cluster-edit.css';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

type Direction = 'ingress' | 'egress';
interface Pending {
  readonly direction: Direction;
  readonly remove: boolean;
}

/** What the edit will do and the flows it flips, with Cancel and the button that applies it. */
export function ClusterPreviewBox({
  preview,
  action,
  broken,
  onCancel,
  onApply,
  danger = false,
}: {
  readonly preview: ClusterPreview;
  /** The apply button's accessible name, e.g. "Remove Baseline deny egress". */
  readonly action: string;
  /** The apply button removes something: a danger button reading Remove (else Add). */
  readonly danger?: boolean;
  readonly broken: boolean;
  readonly onCancel: () => void;
  readonly onApply: () => void;
}) {
  return (
    <div className="cp-preview" aria-live="polite">
      {preview.error && <p className="cp-error">{displayText(preview.error, 200)}</p>}
      {preview.summary && (
        <p className="cp-note" data-testid="cluster-removal-summary">
          {displayText(`${preview.summary.replace(/^removed /, 'Removes ')}.`, 300)}
        </p>
      )}
      {preview.notes.map((n) => (
        <p key={n} className="cp-note">
          {displayText(n, 300)}
        </p>
      ))}
      <div className="cp-preview-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={broken || Boolean(preview.error)}
          aria-label={action}
          onClick={onApply}
        >
          {danger ? 'Remove' : 'Add'}
        </button>
      </div>
    </div>
  );
}

export function BaselineDeny({
  namespace,
  model,
}: {
  readonly namespace: string;
  readonly model: CanvasModel;
}) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const [pending, setPending] = useState<Pending | null>(null);
  const present = useMemo(
    () => ({
      ingress: baselineDenyNames(model, namespace, 'ingress'),
      egress: baselineDenyNames(model, namespace, 'egress'),
    }),
    [model, namespace],
  );
  const preview = useMemo(() => {
    if (!pending) return null;
    const { direction, remove } = pending;
    return remove
      ? previewRemoveBaselineDeny(model, namespace, direction)
      : previewBaselineDeny(model, namespace, direction);
  }, [model, namespace, pending]);
  // A pending edit that no longer fits (added or removed elsewhere, undo) is dropped.
  const current =
    pending && present[pending.direction].length > 0 === pending.remove ? pending : null;
  const toggle = (next: Pending) => setPending(current?.direction === next.direction ? null : next);

  const control = (d: Direction) =>
    present[d].length > 0 ? (
      <div className="sp-baseline-on" key={d} data-testid={`baseline-deny-${d}`}>
        <span title={`ClusterNetworkPolicy ${present[d].join(', ')}`}>
          Baseline deny {d}{' '}
          <span className="sp-on-mark" aria-hidden="true">
            ✓
          </span>
          <span className="sr-only"> (on)</span>
        </span>
        <button
          type="button"
          className="btn btn-small"
          disabled={broken}
          aria-pressed={current?.direction === d}
          aria-label={`Remove Baseline deny ${d}…`}
          title={broken ? BROKEN : `Remove ${present[d].join(', ')}'s default deny of ${d}`}
          onClick={() => toggle({ direction: d, remove: true })}
        >
          Remove…
        </button>
      </div>
    ) : (
      <button
        key={d}
        type="button"
        className="btn"
        disabled={broken}
        aria-pressed={current?.direction === d}
        title={
          broken
            ? BROKEN
            : `Deny ${d} in ${namespace} wherever no Admin rule and no NetworkPolicy decides${d === 'egress' ? ' (DNS stays allowed)' : ''}`
        }
        onClick={() => toggle({ direction: d, remove: false })}
      >
        Baseline deny {d}…
      </button>
    );

  return (
    <div className="sp-baseline" aria-label="Cluster policy">
      <h4>Cluster policy</h4>
      <div className="sp-baseline-list">
        {control('ingress')}
        {control('egress')}
      </div>
      {current && preview && (
        <ClusterPreviewBox
          preview={preview}
          broken={broken}
          danger={current.remove}
          action={`${current.remove ? 'Remove' : 'Add'} Baseline deny ${current.direction}`}
          onCancel={() => setPending(null)}
          onApply={() => {
            const done = current.remove
              ? removeBaselineDeny(model, namespace, current.direction)
              : addBaselineDeny(namespace, current.direction);
            if (done) setPending(null);
          }}
        />
      )}
    </div>
  );
}
