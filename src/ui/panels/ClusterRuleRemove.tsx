// Removing the cluster policy rule a selected edge stands for (its peer, the rule, or the policy
// it was the last rule of), after a preview of what goes and which flows flip. Delete on the
// canvas does the same at once; the notice then says what changed.
import { useMemo, useState } from 'react';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { previewRemoveClusterEdge, removeClusterEdge } from '../../store/cluster-gestures.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { ClusterPreviewBox } from './BaselineDeny.tsx';
import './cluster-edit.css';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

export function ClusterRuleRemove({
  edgeId,
  model,
}: {
  readonly edgeId: string;
  readonly model: CanvasModel;
}) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const [open, setOpen] = useState<string | null>(null);
  const asking = open === edgeId;
  const preview = useMemo(
    () => (asking ? previewRemoveClusterEdge(model, edgeId) : null),
    [asking, model, edgeId],
  );
  return (
    <div className="cluster-remove">
      {!asking && (
        <button
          type="button"
          className="sp-danger"
          disabled={broken}
          title={broken ? BROKEN : 'Remove this peer from the cluster rule (Delete key)'}
          onClick={() => setOpen(edgeId)}
        >
          Remove from cluster policy…
        </button>
      )}
      {asking && preview && (
        <ClusterPreviewBox
          preview={preview}
          broken={broken}
          danger
          action="Remove"
          onCancel={() => setOpen(null)}
          onApply={() => {
            if (removeClusterEdge(model, edgeId)) setOpen(null);
          }}
        />
      )}
    </div>
  );
}
