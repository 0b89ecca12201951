// Registers what the toolbar's canvas buttons do (fit view, auto-layout, add…) in the store while
// the canvas is mounted, and unregisters on unmount (StrictMode mounts twice: both are idempotent).
import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import type { Graph } from '../../view/graph-types.ts';
import { fitReadable } from './fit-readable.ts';
import { labelBoxes } from './edges/canvas-routes.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import { useDiagramExport } from './use-diagram-export.ts';

export function useCanvasCommands(
  graph: Graph,
  openAdd: (kind: 'namespace' | 'workload' | 'external') => void,
) {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const diagram = useDiagramExport();
  useEffect(() => {
    const fitView = () => {
      const state = store.getState();
      fitReadable(flow, {
        graph,
        pane: { width: state.width, height: state.height },
        duration: 200,
        labels: labelBoxes(state),
      });
    };
    workspaceStore.getState().setCanvasCommands({
      'fit-view': fitView,
      'auto-layout': () => {
        // Forgetting the user's drags (and the small edits' placements) leaves a fresh layout;
        // fit once React Flow has the new positions.
        workspaceStore.getState().setPositions({});
        useCanvasViewStore.getState().relayout();
        window.setTimeout(fitView, 50);
      },
      'add-namespace': () => openAdd('namespace'),
      'add-workload': () => openAdd('workload'),
      'add-external': () => openAdd('external'),
      'diagram-svg': diagram.svg,
      'diagram-png': diagram.png,
    });
    return () => workspaceStore.getState().setCanvasCommands({});
  }, [flow, store, graph, openAdd, diagram]);
}
