// A namespace's Baseline default deny (a ClusterNetworkPolicy in the Baseline tier): denies what
// no Admin rule and no NetworkPolicy decided. The flows it would flip are shown before it is added.
import { useMemo, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { addBaselineDeny, previewBaselineDeny } from '../../store/cluster-gestures.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

export function BaselineDeny({
  namespace,
  model,
}: {
  readonly namespace: string;
  readonly model: CanvasModel;
}) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const [direction, setDirection] = useState<'ingress' | 'egress' | null>(null);
  const preview = useMemo(
    () => (direction ? previewBaselineDeny(model, namespace, direction) : null),
    [model, namespace, direction],
  );
  const button = (d: 'ingress' | 'egress') => (
    <button
      type="button"
      className="btn"
      disabled={broken}
      aria-pressed={direction === d}
      title={
        broken
          ? BROKEN
          : `Deny ${d} in ${namespace} wherever no Admin rule and no NetworkPolicy decides${d === 'egress' ? ' (DNS stays allowed)' : ''}`
      }
      onClick={() => setDirection(direction === d ? null : d)}
    >
      Baseline deny {d}…
    </button>
  );
  return (
    <div className="sp-baseline" aria-label="Cluster policy">
      <h4>Cluster policy</h4>
      <div className="sp-row">
        {button('ingress')}
        {button('egress')}
      </div>
      {direction && preview && (
        <div className="cp-preview" aria-live="polite">
          {preview.error && <p className="cp-error">{displayText(preview.error, 200)}</p>}
          {preview.notes.map((n) => (
            <p key={n} className="cp-note">
              {displayText(n, 300)}
            </p>
          ))}
          <div className="sp-row">
            <button type="button" className="btn" onClick={() => setDirection(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={broken || Boolean(preview.error)}
              onClick={() => {
                if (addBaselineDeny(namespace, direction)) setDirection(null);
              }}
            >
              Add Baseline deny {direction}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
