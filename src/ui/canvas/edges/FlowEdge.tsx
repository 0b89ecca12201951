// A probed flow of the selected workload: allowed is solid with a check, denied is dashed with a
// cross, partly allowed is solid with both, so the verdict never rests on colour alone.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useStore } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { workspaceStore } from '../../../store/workspace-store.ts';
import { useCanvasViewStore } from '../../../store/canvas-view-store.ts';
import { themedFlowColor } from '../to-flow.ts';
import type { VerdictFlowEdge } from '../to-flow.ts';
import type { FlowCounts } from '../../../view/graph-types.ts';
import { roundedPath } from '../../../view/geometry.ts';
import { routeMiddle } from '../../../view/route-canvas.ts';
import { canvasRoutes, flowLabelWidth } from './canvas-routes.ts';
import { lanePath, useFilteredOut, useLabelZ } from './edge-path.ts';
import { LABEL_MIN_ZOOM } from './PolicyEdge.tsx';

function GroupCounts({ counts }: { readonly counts: FlowCounts }) {
  const { allowed, partial, denied } = counts;
  return (
    <>
      {allowed > 0 && <span className="ok">✓ {allowed}</span>}
      {partial > 0 && <span>◐ {partial}</span>}
      {denied > 0 && <span className="no">✗ {denied}</span>}
    </>
  );
}

export const FlowEdge = memo(function FlowEdge(props: EdgeProps<VerdictFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } =
    props;
  const legible = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  // The zIndex given to these edges in to-flow.ts.
  const z = useLabelZ(source, target, 2);
  const routed = useStore(canvasRoutes).get(id);
  // Hovering the edge or its label highlights both.
  const hovered = useCanvasViewStore((s) => s.hoveredEdge === id);
  const filteredOut = useFilteredOut(source, target);
  // An older verdict is drawn only where it still fits (canvas-routes.ts): never as a stray line.
  if (!data || (data.pending && !routed)) return null;
  const { f } = data;
  const { path, labelX, labelY } = routed
    ? {
        path: roundedPath(routed.points),
        labelX: (routed.label ?? routeMiddle(routed.points)).x,
        labelY: (routed.label ?? routeMiddle(routed.points)).y,
      }
    : lanePath(sourceX, sourceY, targetX, targetY, f.direction === 'out' ? 2 : 1);
  const color = themedFlowColor(f.state);
  const shown = f.ports.slice(0, 3);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={14}
        {...(filteredOut ? { className: 'filtered-out' } : {})}
        style={{
          stroke: color,
          strokeWidth: (selected ? 3.2 : 2.2) + (hovered ? 1.5 : 0),
          strokeDasharray: f.state === 'denied' ? '7 5' : undefined,
        }}
      />
      {((legible && routed?.label) || selected || hovered) && routed && (
        <EdgeLabelRenderer>
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            className={`edge-label flow-label ${f.state} nodrag nopan${filteredOut ? ' filtered-out' : ''}${selected ? ' selected' : ''}${hovered ? ' hovered' : ''}`}
            onMouseEnter={() => useCanvasViewStore.getState().setHoveredEdge(id)}
            onMouseLeave={() => useCanvasViewStore.getState().setHoveredEdge(null)}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              width: flowLabelWidth(f),
              zIndex: z,
            }}
            title={`${f.ariaLabel}. Click to explain.`}
            onClick={() => workspaceStore.getState().select({ kind: 'edge', id })}
          >
            {f.counts && <GroupCounts counts={f.counts} />}
            {shown.map((p) => (
              <span key={`${p.protocol}/${p.port}`} className={p.allowed ? 'ok' : 'no'}>
                {p.allowed ? '✓' : '✗'} {p.protocol === 'TCP' ? '' : `${p.protocol} `}
                {p.port}
              </span>
            ))}
            {f.ports.length > shown.length && <span>+{f.ports.length - shown.length}</span>}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
