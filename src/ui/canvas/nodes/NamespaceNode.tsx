// A namespace: a group around its workloads, with default-deny toggles in its header (edits are
// refused, with a tooltip saying why, while the YAML has syntax errors).
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { useWorkspaceStore } from '../../../store/workspace-store.ts';
import { displayText } from '../../../model/display-text.ts';
import { toggleDefaultDeny } from '../../../store/gestures.ts';
import { DeniedMarker } from '../DeniedMarkers.tsx';
import { useCanvasViewStore } from '../../../store/canvas-view-store.ts';
import type { NamespaceFlowNode } from '../to-flow.ts';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

export const NamespaceNode = memo(function NamespaceNode({
  id,
  data,
}: NodeProps<NamespaceFlowNode>) {
  const { name, inferred, defaultDeny, collapsed = false, workloadCount, innerRules = 0 } = data.g;
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const toggle = (direction: 'ingress' | 'egress') => (
    <button
      type="button"
      className="ns-toggle nodrag"
      aria-pressed={defaultDeny[direction]}
      // The spoken name starts with the visible text, so voice control users can say what they see.
      aria-label={`deny ${direction === 'ingress' ? 'in' : 'out'}: default deny ${direction} in namespace ${displayText(name, 60)}`}
      title={
        broken
          ? BROKEN
          : defaultDeny[direction]
            ? `Remove the default deny for ${direction}`
            : direction === 'egress'
              ? 'Deny all egress in this namespace unless a policy allows it (DNS stays allowed; select the namespace to choose)'
              : 'Deny all ingress in this namespace unless a policy allows it'
      }
      disabled={broken}
      onClick={(e) => {
        e.stopPropagation();
        toggleDefaultDeny(name, direction, !defaultDeny[direction]);
      }}
    >
      <span className="ns-check" aria-hidden="true">
        {defaultDeny[direction] ? '✓' : ''}
      </span>
      deny {direction === 'ingress' ? 'in' : 'out'}
    </button>
  );
  return (
    <div className={`ns-node${inferred ? ' inferred' : ''}${collapsed ? ' collapsed' : ''}`}>
      <Handle
        type="target"
        position={Position.Top}
        className="ns-handle"
        title="Drop an edge here"
      />
      <div className="ns-header">
        <div className="ns-title">
          <button
            type="button"
            className="ns-fold nodrag"
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} namespace ${displayText(name, 60)}`}
            title={collapsed ? 'Show its workloads' : 'Fold its workloads into this box'}
            onClick={(e) => {
              e.stopPropagation();
              useCanvasViewStore.getState().setCollapsed(id, !collapsed);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
          <span className="ns-kind">namespace</span>
          <span className="ns-name">{displayText(name, 40)}</span>
        </div>
        <div className="ns-toggles">
          {toggle('ingress')}
          {toggle('egress')}
          {/* On the toggles' line: beside the name it cut names like kube-system short. */}
          {inferred && <span className="ns-inferred">inferred</span>}
        </div>
      </div>
      {collapsed && (
        <div className="ns-summary">
          {/* One line, cut short if need be: the box has a fixed height that labels keep clear of. */}
          <span className="ns-summary-text">
            {workloadCount} workload{workloadCount === 1 ? '' : 's'}
            {innerRules > 0 && ` · ${innerRules} rule${innerRules === 1 ? '' : 's'} inside`}
          </span>
          <DeniedMarker id={id} />
        </div>
      )}
      <Handle
        type="source"
        position={Position.Bottom}
        className="ns-handle"
        title="Drag to allow traffic from this namespace"
      />
    </div>
  );
});
