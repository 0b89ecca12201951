// React Flow nodes as local state derived from the graph: keeps what React Flow measured across
// rebuilds (a node without `measured` is re-measured and flickers), applies drags live, saves
// dropped positions and mirrors React Flow's selection (click or keyboard) into the store.
import { useCallback, useState } from 'react';
import { applyNodeChanges } from '@xyflow/react';
import type { Node, NodeChange, OnNodeDrag } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { Graph } from '../../view/graph-types.ts';
import type { CanvasNode } from './to-flow.ts';

/**
 * The nodes for a new base: a node whose base object did not change keeps its current object
 * (with what React Flow measured and the user's selection), so React Flow leaves it alone; a
 * changed node keeps the measured size (a node without it is re-measured and flickers).
 */
function carryOver(
  next: readonly CanvasNode[],
  prevBase: readonly CanvasNode[],
  prevNodes: readonly CanvasNode[],
): CanvasNode[] {
  const oldBase = new Map(prevBase.map((n) => [n.id, n]));
  const oldNode = new Map(prevNodes.map((n) => [n.id, n]));
  return next.map((n) => {
    const was = oldNode.get(n.id);
    if (was && oldBase.get(n.id) === n) return was;
    const m = was?.measured;
    return m && n.measured === undefined ? ({ ...n, measured: m } as CanvasNode) : n;
  });
}

/** Marks only the nodes whose selection differs, so React Flow keeps every other node as is. */
function withSelection(nodes: CanvasNode[], selected: string | null): CanvasNode[] {
  let changed = false;
  const out = nodes.map((n) => {
    const want = n.id === selected;
    if ((n.selected ?? false) === want) return n;
    changed = true;
    return { ...n, selected: want } as CanvasNode;
  });
  return changed ? out : nodes;
}

/** `onPick`: a node picked by the user (click or keyboard), before the store is told. */
export function useControlledNodes(
  base: readonly CanvasNode[],
  graph: Graph,
  selected: string | null,
  onPick?: (id: string) => void,
) {
  const [state, setState] = useState({ base, selected, nodes: withSelection([...base], selected) });
  let current = state;
  if (state.base !== base || state.selected !== selected) {
    // Derived from the previous render, as React recommends, rather than in an effect.
    const nodes = state.base !== base ? carryOver(base, state.base, state.nodes) : state.nodes;
    current = { base, selected, nodes: withSelection(nodes, selected) };
    setState(current);
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let picked = false;
      for (const c of changes) {
        if (c.type !== 'select' || !c.selected) continue;
        const kind = graph.nodeById.get(c.id)?.data.kind;
        // Told before the store: a workload's flows are asked for while React draws the selection.
        if (kind) onPick?.(c.id);
        if (kind) workspaceStore.getState().select({ kind, id: c.id });
        picked = true;
      }
      // Escape on a focused node deselects it in React Flow: the inspector follows. (Selecting
      // another node also deselects this one, in the same batch.)
      const store = workspaceStore.getState();
      if (
        !picked &&
        changes.some((c) => c.type === 'select' && !c.selected && c.id === store.selection?.id)
      )
        store.select(null);
      setState((s) => ({ ...s, nodes: applyNodeChanges(changes, s.nodes) }));
    },
    [graph, onPick],
  );

  const onNodeDragStop: OnNodeDrag<Node> = useCallback((_e, _node, dragged) => {
    const store = workspaceStore.getState();
    const moved = { ...store.positions };
    for (const n of dragged)
      moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    store.setPositions(moved);
  }, []);

  return { nodes: current.nodes, onNodesChange, onNodeDragStop };
}
