// Marks what a selected policy touches on the canvas: its rule edges (`policy-focus`) and the
// workloads it selects (`policy-selects`). Only those objects are copied, so React Flow
// re-renders them and leaves every other node and edge alone. policy-focus.css draws them.
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

const withClass = <T extends { className?: string }>(o: T, name: string): T => ({
  ...o,
  className: `${o.className ?? ''} ${name}`.trim(),
});

/** The policy edges of `policyId` marked `policy-focus`; the same array when there is none. */
export function focusPolicyEdges(
  edges: readonly CanvasEdge[],
  policyId: string | null,
): readonly CanvasEdge[] {
  if (policyId === null) return edges;
  return edges.map((e) =>
    e.type === 'policy' && e.data?.g.policyId === policyId ? withClass(e, 'policy-focus') : e,
  );
}

/** The nodes in `ids` marked `policy-selects`; the same array when there are none. */
export function ringNodes(
  nodes: readonly CanvasNode[],
  ids: ReadonlySet<string>,
): readonly CanvasNode[] {
  if (ids.size === 0) return nodes;
  return nodes.map((n) => (ids.has(n.id) ? withClass(n, 'policy-selects') : n));
}
