// One policy rule peer: coloured by its policy, labelled with its ports; faded (by CSS on the
// canvas) while a workload's flows are highlighted.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useStore } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { useWorkspaceStore, workspaceStore } from '../../../store/workspace-store.ts';
import { useCanvasViewStore } from '../../../store/canvas-view-store.ts';
import { roundedPath } from '../../../view/geometry.ts';
import { routeMiddle } from '../../../view/route-canvas.ts';
import { themedPolicyColor } from '../to-flow.ts';
import type { PolicyFlowEdge } from '../to-flow.ts';
import { edgeOfPolicy } from '../policy-focus.ts';
import { canvasRoutes, policyLabelParts, policyLabelWidth } from './canvas-routes.ts';
import { lanePath, useFilteredOut, useLabelZ } from './edge-path.ts';

/** Labels are unreadable below this zoom; skipping them keeps big workspaces fast. */
export const LABEL_MIN_ZOOM = 0.4;

export const PolicyEdge = memo(function PolicyEdge(props: EdgeProps<PolicyFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } =
    props;
  const legible = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  // The zIndex given to these edges in to-flow.ts.
  const z = useLabelZ(source, target, 1);
  const routed = useStore(canvasRoutes).get(id);
  // Hovering the edge or its label highlights both.
  const hovered = useCanvasViewStore((s) => s.hoveredEdge === id);
  const filteredOut = useFilteredOut(source, target);
  // While a policy is selected, the other policies' labels step back (policy-focus.css).
  const dimmed = useWorkspaceStore(
    (s) => s.selection?.kind === 'policy' && !!data && !edgeOfPolicy(data.g, s.selection.id),
  );
  if (!data) return null;
  const { g } = data;
  // Until the nodes are measured and routed, the handle-to-handle curve.
  const { path, labelX, labelY } = routed
    ? {
        path: roundedPath(routed.points),
        labelX: (routed.label ?? routeMiddle(routed.points)).x,
        labelY: (routed.label ?? routeMiddle(routed.points)).y,
      }
    : lanePath(sourceX, sourceY, targetX, targetY, g.lane);
  // Rules of several policies folded into one edge (a collapsed namespace) have no one colour.
  const color =
    g.aggregate && g.aggregate.policies.length > 1 ? 'var(--text-2)' : themedPolicyColor(g.hue);
  const { policy, ports } = policyLabelParts(g);
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
          strokeWidth: (selected ? 3 : 1.8) + (hovered ? 1.5 : 0),
          // Dotted: the end is a namespace, but only some of its pods are meant (see the label).
          ...(g.only ? { strokeDasharray: '1.5 4', strokeLinecap: 'round' as const } : {}),
        }}
      />
      {((legible && (!routed || routed.label)) || selected || hovered) && (
        <EdgeLabelRenderer>
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            className={`edge-label policy-label nodrag nopan${filteredOut ? ' filtered-out' : ''}${dimmed ? ' policy-dim' : ''}${selected ? ' selected' : ''}${hovered ? ' hovered' : ''}`}
            onMouseEnter={() => useCanvasViewStore.getState().setHoveredEdge(id)}
            onMouseLeave={() => useCanvasViewStore.getState().setHoveredEdge(null)}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              width: policyLabelWidth(g),
              zIndex: z,
              borderColor: color,
              color,
            }}
            title={`${g.ariaLabel}. Click to explain; Delete removes it.`}
            onClick={() => workspaceStore.getState().select({ kind: 'edge', id })}
          >
            <span className="edge-policy">{policy}</span>
            <span className="edge-ports">{ports}</span>
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
