// Drawing an edge: a drag from any handle that ends over another node (on its handle or anywhere on
// its body) opens the port popover for source → destination. React Flow itself never adds edges.
import { useCallback, useState } from 'react';
import type { OnConnectEnd } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { Graph } from '../../view/graph-types.ts';

export interface PendingConnection {
  readonly source: string;
  readonly target: string;
  /** Where the drag ended, in client coordinates, to place the popover. */
  readonly clientX: number;
  readonly clientY: number;
}

function nodeIdAt(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const node = el.closest('.react-flow__node');
    if (node instanceof HTMLElement && node.dataset['id']) return node.dataset['id'];
  }
  return null;
}

export function useConnectGesture(graph: Graph) {
  const [pending, setPending] = useState<PendingConnection | null>(null);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const from = state.fromNode?.id;
      if (!point || !from) return;
      const over = state.toNode?.id ?? nodeIdAt(point.clientX, point.clientY);
      if (!over || over === from) return;
      // Dragged backwards from a node's top (incoming) handle: the far node is the source.
      const [source, target] = state.fromHandle?.type === 'target' ? [over, from] : [from, over];
      const targetKind = graph.nodeById.get(target)?.data.kind;
      const sourceKind = graph.nodeById.get(source)?.data.kind;
      if (!sourceKind || (targetKind !== 'workload' && targetKind !== 'external')) {
        workspaceStore
          .getState()
          .notify('Drop the edge on a workload or an external network to allow traffic to it.');
        return;
      }
      if (sourceKind === 'external' && targetKind === 'external') {
        workspaceStore
          .getState()
          .notify('Traffic between two external networks is not governed by policies.');
        return;
      }
      setPending({ source, target, clientX: point.clientX, clientY: point.clientY });
    },
    [graph],
  );

  const cancel = useCallback(() => setPending(null), []);
  return { pending, onConnectEnd, cancel, open: setPending };
}
