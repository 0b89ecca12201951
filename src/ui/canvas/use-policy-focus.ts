// A selected policy (NetworkPolicy or cluster policy) on the canvas: the canvas root gets its id as data-policy, its rule edges and
// the workloads it selects get the classes policy-focus.css draws (see policy-focus.ts).
import { useMemo } from 'react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import type { Selection } from '../../store/workspace-store.ts';
import { selectedWorkloads } from '../../view/rule-words.ts';
import { clusterSelectedWorkloads } from '../../view/cluster-words.ts';
import { focusPolicyEdges, ringIds, ringNodes } from './policy-focus.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import './policy-focus.css';

const NO_IDS: readonly string[] = [];

export function usePolicyFocus(
  model: CanvasModel,
  selection: Selection | null,
  nodes: CanvasNode[],
  edges: CanvasEdge[],
): { policy: string | null; nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const policy = selection?.kind === 'policy' ? selection.id : null;
  const selected = useMemo(() => {
    if (policy === null) return NO_IDS;
    const p = model.workspace.policies.find((x) => x.id === policy);
    if (p) return selectedWorkloads(p, model.workspace);
    // A cluster policy: the workloads its subject selects.
    const c = model.workspace.clusterPolicies?.find((x) => x.id === policy);
    return c ? clusterSelectedWorkloads(c, model.workspace) : NO_IDS;
  }, [model, policy]);
  const focusedNodes = useMemo(() => {
    if (selected.length === 0) return nodes;
    const ids = ringIds(selected, nodes, (id) => model.graph.nodeById.get(id)?.parent);
    return ringNodes(nodes, ids) as CanvasNode[];
  }, [nodes, selected, model]);
  const focusedEdges = useMemo(
    () => focusPolicyEdges(edges, policy) as CanvasEdge[],
    [edges, policy],
  );
  return { policy, nodes: focusedNodes, edges: focusedEdges };
}
