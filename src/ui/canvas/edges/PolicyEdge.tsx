// One policy rule peer: coloured by its policy, labelled with its ports; faded (by CSS on the
// canvas) while a workload's flows are highlighted. A cluster policy rule is drawn in its tier's
// stroke (Admin a double line, Baseline long dashes) and its label leads with the tier and action.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useStore } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { useWorkspaceStore, workspaceStore } from '../../../store/workspace-store.ts';
import { useCanvasViewStore } from '../../../store/canvas-view-store.ts';
import { roundedPath } from '../../../view/geometry.ts';
import { routeMiddle } from '../../../view/route-canvas.ts';
import { themedFlowColor, themedPolicyColor } from '../to-flow.ts';
import type { PolicyFlowEdge } from '../to-flow.ts';
import { edgeOfPolicy } from '../policy-focus.ts';
import { canvasRoutes, policyLabelParts, policyLabelWidth } from './canvas-routes.ts';
import { lanePath, useFilteredOut, useLabelZ } from './edge-path.ts';
import { clusterActionText } from '../../../view/labels.ts';
import type { ClusterEdgeData } from '../../../view/graph-types.ts';
import './cluster-edge.css';

/** The label's tier-and-action chip: red for a Deny, green for an Accept, grey for a Pass. */
function tagColor(c: ClusterEdgeData): string {
  if (c.action === 'Deny') return themedFlowColor('denied');
  if (c.action === 'Accept') return themedFlowColor('allowed');
  return 'var(--text-2)';
}

/** A cluster rule's stroke: Admin rules double (wide, hollow), Baseline rules long dashes. */
function clusterStroke(c: ClusterEdgeData | undefined, width: number) {
  if (!c) return null;
  return c.tier === 'Admin'
    ? { strokeWidth: width + 2.6 }
    : { strokeWidth: width, strokeDasharray: '9 4' };
}

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
  // Only one policy's rules: several folded into one edge have no one tier.
  const cluster = g.aggregate && g.aggregate.policies.length > 1 ? undefined : g.cluster;
  const tag = cluster ? clusterActionText(cluster) : null;
  // The label text starts with the tag (build-graph.ts): drawn first, as a chip.
  const rest = tag && ports.startsWith(`${tag} · `) ? ports.slice(tag.length + 3) : null;
  const width = (selected ? 3 : 1.8) + (hovered ? 1.5 : 0);
  const stroke = clusterStroke(cluster, width);
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
          strokeWidth: width,
          // Dotted: the end is a namespace, but only some of its pods are meant (see the label).
          ...(g.only ? { strokeDasharray: '1.5 4', strokeLinecap: 'round' as const } : {}),
          ...stroke,
        }}
      />
      {cluster?.tier === 'Admin' && (
        // The hollow middle of the Admin tier's double line.
        <path
          d={path}
          className={`cluster-admin-core${filteredOut ? ' filtered-out' : ''}`}
          fill="none"
          style={{ strokeWidth: Math.max(1, width - 0.4) }}
        />
      )}
      {((legible && (!routed || routed.label)) || selected || hovered) && (
        <EdgeLabelRenderer>
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            className={`edge-label policy-label${cluster ? ` cluster-label cluster-${cluster.tier.toLowerCase()}` : ''} nodrag nopan${filteredOut ? ' filtered-out' : ''}${dimmed ? ' policy-dim' : ''}${selected ? ' selected' : ''}${hovered ? ' hovered' : ''}`}
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
            {tag && rest !== null ? (
              <>
                <span
                  className={`edge-tag cluster-${cluster?.action.toLowerCase()}`}
                  style={cluster ? { color: tagColor(cluster) } : undefined}
                >
                  {tag}
                </span>
                {/* Not bold: the chip takes the bold weight the label's width was measured with. */}
                <span className="edge-cluster-policy">{policy}</span>
                <span className="edge-ports">{rest}</span>
              </>
            ) : (
              <>
                <span className="edge-policy">{policy}</span>
                <span className="edge-ports">{ports}</span>
              </>
            )}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
