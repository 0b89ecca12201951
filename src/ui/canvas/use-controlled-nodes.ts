// React Flow nodes as local state derived from the graph: keeps what React Flow measured across
// rebuilds (a node without `measured` is re-measured and flickers), applies drags live, saves
// dropped positions and mirrors React Flow's selection (click or keyboard) into the store.
import { useCallback, useState } from 'react';
import { applyNodeChanges } from '@xyflow/react';
import type { Node, NodeChange, OnNodeDrag } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { Graph } from '../graph/graph-types.ts';
import type { CanvasNode } from './to-flow.ts';

function carryMeasured(next: readonly CanvasNode[], prev: readonly CanvasNode[]): CanvasNode[] {
  const measured = new Map(prev.map((n) => [n.id, n.measured]));
  return next.map((n) => {
    const m = measured.get(n.id);
    return m && n.measured === undefined ? ({ ...n, measured: m } as CanvasNode) : n;
  });
}

export function useControlledNodes(base: readonly CanvasNode[], graph: Graph) {
  const [state, setState] = useState({ base, nodes: base as CanvasNode[] });
  let current = state;
  if (state.base !== base) {
    // Derived from the previous render, as React recommends, rather than in an effect.
    current = { base, nodes: carryMeasured(base, state.nodes) };
    setState(current);
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      for (const c of changes) {
        if (c.type !== 'select' || !c.selected) continue;
        const kind = graph.nodeById.get(c.id)?.data.kind;
        if (kind) workspaceStore.getState().select({ kind, id: c.id });
      }
      setState((s) => ({ ...s, nodes: applyNodeChanges(changes, s.nodes) }));
    },
    [graph],
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
