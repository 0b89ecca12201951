// Registers what the toolbar's canvas buttons do (fit view, auto-layout, add…) in the store while
// the canvas is mounted, and unregisters on unmount (StrictMode mounts twice: both are idempotent).
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { Graph } from '../../store/graph/graph-types.ts';
import { FIT_ALL } from './use-layout.ts';
import { useDiagramExport } from './use-diagram-export.ts';

export function useCanvasCommands(
  _graph: Graph,
  openAdd: (kind: 'namespace' | 'workload' | 'external') => void,
) {
  const flow = useReactFlow();
  const diagram = useDiagramExport();
  useEffect(() => {
    const fitView = () => void flow.fitView(FIT_ALL);
    workspaceStore.getState().setCanvasCommands({
      'fit-view': fitView,
      'auto-layout': () => {
        // Forgetting the user's drags leaves ELK's layout; fit once React Flow has the new positions.
        workspaceStore.getState().setPositions({});
        window.setTimeout(fitView, 50);
      },
      'add-namespace': () => openAdd('namespace'),
      'add-workload': () => openAdd('workload'),
      'add-external': () => openAdd('external'),
      'diagram-svg': diagram.svg,
      'diagram-png': diagram.png,
    });
    return () => workspaceStore.getState().setCanvasCommands({});
  }, [flow, openAdd, diagram]);
}
