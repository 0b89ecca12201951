// A probed flow of the selected workload: allowed is solid with a check, denied is dashed with a
// cross, partly allowed is solid with both, so the verdict never rests on colour alone.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { workspaceStore } from '../../../store/workspace-store.ts';
import type { VerdictFlowEdge } from '../to-flow.ts';
import { lanePath } from './edge-path.ts';

export const FLOW_COLORS = { allowed: '#067647', partial: '#b54708', denied: '#c81e1e' } as const;

export const FlowEdge = memo(function FlowEdge(props: EdgeProps<VerdictFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } = props;
  if (!data) return null;
  const { f } = data;
  const { path, labelX, labelY } = lanePath(
    sourceX,
    sourceY,
    targetX,
    targetY,
    f.direction === 'out' ? 2 : 1,
  );
  const color = FLOW_COLORS[f.state];
  const shown = f.ports.slice(0, 3);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={14}
        style={{
          stroke: color,
          strokeWidth: selected ? 3.2 : 2.2,
          strokeDasharray: f.state === 'denied' ? '7 5' : undefined,
        }}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          className={`edge-label flow-label ${f.state} nodrag nopan${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title={`${f.ariaLabel}. Click to explain.`}
          onClick={() => workspaceStore.getState().select({ kind: 'edge', id })}
        >
          {shown.map((p) => (
            <span key={`${p.protocol}/${p.port}`} className={p.allowed ? 'ok' : 'no'}>
              {p.allowed ? '✓' : '✗'} {p.protocol === 'TCP' ? '' : `${p.protocol} `}
              {p.port}
            </span>
          ))}
          {f.ports.length > shown.length && <span>+{f.ports.length - shown.length}</span>}
        </button>
      </EdgeLabelRenderer>
    </>
  );
});
