// Marks what a selected policy touches on the canvas: its rule edges (`policy-focus`) and the
// workloads it selects (`policy-selects`; a collapsed namespace holding one is marked instead).
// Only those objects are copied, so React Flow re-renders them and leaves every other node and
// edge alone. policy-focus.css draws them.
import type { PolicyEdgeData } from '../../view/graph-types.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

const withClass = <T extends { className?: string }>(o: T, name: string): T => ({
  ...o,
  className: `${o.className ?? ''} ${name}`.trim(),
});

/** A rule edge of the policy, or an edge of a collapsed namespace that folds one of its rules. */
export function edgeOfPolicy(g: PolicyEdgeData, policyId: string): boolean {
  return g.policyId === policyId || (g.aggregate?.policies.includes(policyId) ?? false);
}

/** The policy edges of `policyId` marked `policy-focus`; the same array when there is none. */
export function focusPolicyEdges(
  edges: readonly CanvasEdge[],
  policyId: string | null,
): readonly CanvasEdge[] {
  if (policyId === null) return edges;
  return edges.map((e) =>
    e.type === 'policy' && e.data && edgeOfPolicy(e.data.g, policyId)
      ? withClass(e, 'policy-focus')
      : e,
  );
}

/**
 * The node ids to ring for these workloads: each workload's own node, or, when its namespace is
 * collapsed (no node of its own), the namespace's (`parentOf`).
 */
export function ringIds(
  workloads: readonly string[],
  nodes: readonly CanvasNode[],
  parentOf: (id: string) => string | undefined,
): ReadonlySet<string> {
  const drawn = new Set(nodes.map((n) => n.id));
  const out = new Set<string>();
  for (const w of workloads) {
    const at = drawn.has(w) ? w : parentOf(w);
    if (at !== undefined && drawn.has(at)) out.add(at);
  }
  return out;
}

/** The nodes in `ids` marked `policy-selects`; the same array when there are none. */
export function ringNodes(
  nodes: readonly CanvasNode[],
  ids: ReadonlySet<string>,
): readonly CanvasNode[] {
  if (ids.size === 0) return nodes;
  return nodes.map((n) => (ids.has(n.id) ? withClass(n, 'policy-selects') : n));
}
