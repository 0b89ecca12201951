// A selected policy on the canvas: its rule edges get the `policy-focus` class and the workloads
// it selects `policy-selects`; policy-focus.css draws them against the canvas root's data-policy.
// Only those objects are copied, so React Flow re-renders them and leaves every other one alone.
import { useMemo } from 'react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import type { Selection } from '../../store/workspace-store.ts';
import { selectedWorkloads } from '../../view/rule-words.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import './policy-focus.css';

const NONE: ReadonlySet<string> = new Set();

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

export function usePolicyFocus(
  model: CanvasModel,
  selection: Selection | null,
  nodes: CanvasNode[],
  edges: CanvasEdge[],
): { policy: string | null; nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const policy = selection?.kind === 'policy' ? selection.id : null;
  const selected = useMemo(() => {
    const p = policy === null ? undefined : model.workspace.policies.find((x) => x.id === policy);
    return p ? new Set(selectedWorkloads(p, model.workspace)) : NONE;
  }, [model, policy]);
  const focusedNodes = useMemo(() => ringNodes(nodes, selected) as CanvasNode[], [nodes, selected]);
  const focusedEdges = useMemo(
    () => focusPolicyEdges(edges, policy) as CanvasEdge[],
    [edges, policy],
  );
  return { policy, nodes: focusedNodes, edges: focusedEdges };
}
