// The canvas: namespaces, workloads, external networks and policy edges from the last valid YAML;
// a selected workload's flows highlighted as allowed or denied; edges drawn by dragging handles.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type {
  EdgeChange,
  EdgeTypes,
  NodeTypes,
  OnBeforeDelete,
  ReactFlowProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import type { Selection } from '../../store/workspace-store.ts';
import { deleteEdge } from '../../store/gestures.ts';
import { CanvasLegend } from './CanvasLegend.tsx';
import { usePolicyFocus } from './use-policy-focus.ts';
import { CanvasFinder } from './CanvasFinder.tsx';
import { useDimmedNodes } from './use-filter.ts';
import { ConnectPopover } from './ConnectPopover.tsx';
import { FlowEdge } from './edges/FlowEdge.tsx';
import { PolicyEdge } from './edges/PolicyEdge.tsx';
import { ExternalNode } from './nodes/ExternalNode.tsx';
import { NamespaceNode } from './nodes/NamespaceNode.tsx';
import { WorkloadNode } from './nodes/WorkloadNode.tsx';
import { toFlowEdges, toFlowNodes } from './to-flow.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import { prefetchFlows, useCanvasModel, useFlows } from './use-canvas-model.ts';
import { useCanvasCommands } from './use-canvas-commands.ts';
import { AddObjectDialog } from './AddObjectDialog.tsx';
import type { AddKind } from './AddObjectDialog.tsx';
import { useConnectGesture } from './use-connect-gesture.ts';
import { useControlledNodes } from './use-controlled-nodes.ts';
import { useFitOnLayout, useLayout } from './use-layout.ts';
import { useCulling } from './use-culling.ts';
import { READABLE_ZOOM } from './fit-readable.ts';
import { useEverythingVisible } from './use-everything-visible.ts';
import { useCollapsedView } from './use-collapsed-view.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import './canvas.css';

// Module scope: React Flow re-mounts every node when these objects change identity.
const nodeTypes: NodeTypes = {
  workload: WorkloadNode,
  namespace: NamespaceNode,
  external: ExternalNode,
};
const edgeTypes: EdgeTypes = { policy: PolicyEdge, flow: FlowEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
/**
 * Above this many rule edges (a map of collapsed namespaces with rules between most pairs), the
 * canvas at rest draws only the rules of the selected node, and highlighting a workload shows its
 * flows alone: hundreds of lines between a few boxes say nothing, and routing them all costs
 * seconds (and would come all at once with the first highlight).
 */
const DENSE_EDGES = 150;
// Namespaces as light frames, the nodes inside as darker blocks, so the map reads as the canvas.
const minimapColor = (n: CanvasNode) => (n.type === 'namespace' ? 'transparent' : '#98a2b3');
const minimapStroke = (n: CanvasNode) => (n.type === 'namespace' ? '#667085' : 'transparent');
const INITIAL_FIT = { minZoom: READABLE_ZOOM, maxZoom: 1, padding: 0.05 } as const;
const PRO_OPTIONS = { hideAttribution: true } as const;
// Module scope too: React Flow hands its node and edge handlers to every node and edge, and a new
// function at each render of the canvas (every selection, every keystroke's model) would render
// every one of them again.
const deselect = () => workspaceStore.getState().select(null);
const hoverEdge: NonNullable<ReactFlowProps<CanvasNode, CanvasEdge>['onEdgeMouseEnter']> = (
  _e,
  edge,
) => useCanvasViewStore.getState().setHoveredEdge(edge.id);
const leaveEdge = () => useCanvasViewStore.getState().setHoveredEdge(null);

/** The workload whose flows are shown: the selected one, kept while one of its flows is selected. */
function useFocusWorkload(selection: Selection | null): string | null {
  const [focus, setFocus] = useState<string | null>(null);
  const wanted =
    selection?.kind === 'workload'
      ? selection.id
      : selection?.kind === 'edge' && selection.id.startsWith('flow|')
        ? focus
        : null;
  if (wanted !== focus) setFocus(wanted);
  return wanted;
}

function Canvas() {
  const model = useCanvasModel();
  const selection = useWorkspaceStore((s) => s.selection);
  const positions = useWorkspaceStore((s) => s.positions);
  // A large saved workspace is still being read by the worker: say so over the empty canvas.
  const reading = useWorkspaceStore((s) => s.parsed.text !== s.text && s.lastValid.text === '');
  const focus = useFocusWorkload(selection);
  const { flows: allFlows, current } = useFlows(model, focus);
  const { graph, flows, deniedCount, unrelated } = useCollapsedView(model.graph, focus, allFlows);
  const { layout, pending: layoutPending } = useLayout(graph);
  const selectedNode = selection && selection.kind !== 'edge' ? selection.id : null;

  const selectedEdge = selection?.kind === 'edge' ? selection.id : null;
  const filtered = useDimmedNodes(model);
  // Filtered out, or (with a workload selected) nothing allowed with it: both step back.
  const dimmed = useMemo(
    () => (unrelated.size === 0 ? filtered : new Set([...filtered, ...unrelated])),
    [filtered, unrelated],
  );
  const base = useMemo(
    () => toFlowNodes(graph, layout, positions, dimmed),
    [graph, layout, positions, dimmed],
  );
  // A workload's flows are asked for (from the worker, in a large workspace) as it is picked, so
  // they are computed while the selection is drawn rather than after.
  const onPick = useCallback((id: string) => prefetchFlows(model, id, true), [model]);
  // Hovering a workload asks for its flows ahead, from the model of the moment (a ref, so the
  // handler keeps its identity across models).
  const modelRef = useRef(model);
  useLayoutEffect(() => {
    modelRef.current = model;
  }, [model]);
  const onNodeMouseEnter = useCallback<
    NonNullable<ReactFlowProps<CanvasNode, CanvasEdge>['onNodeMouseEnter']>
  >((_e, node) => prefetchFlows(modelRef.current, node.id), []);
  const { nodes, onNodesChange, onNodeDragStop } = useControlledNodes(
    base,
    graph,
    selectedNode,
    onPick,
  );
  // Highlighting a dense canvas shows the flows alone: hundreds of faded rules are no context.
  const dense = graph.edges.length > DENSE_EDGES;
  const rules: boolean | string = !dense || (!focus && (selectedNode ?? false));
  const edges = useMemo(
    () => toFlowEdges(graph, flows, selectedEdge, rules, !current),
    [graph, flows, selectedEdge, rules, current],
  );
  const connect = useConnectGesture(model.graph);
  const [adding, setAdding] = useState<AddKind | null>(null);
  useCanvasCommands(graph, setAdding);
  useFitOnLayout(layoutPending, graph);
  const everythingVisible = useEverythingVisible();
  const cull = useCulling(nodes.length);
  const focused = usePolicyFocus(model, selection, nodes, edges);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    for (const c of changes)
      if (c.type === 'select' && c.selected)
        workspaceStore.getState().select({ kind: 'edge', id: c.id });
  }, []);

  // The text is the truth: deleting an edge is a text edit, and the graph follows the text.
  const onBeforeDelete: OnBeforeDelete<CanvasNode, CanvasEdge> = useCallback(
    async ({ edges: doomed }) => {
      const edge = doomed.find((e) => e.type === 'policy');
      if (edge?.data && 'g' in edge.data) deleteEdge(edge.id);
      return false;
    },
    [],
  );

  return (
    <div
      className={focus ? 'canvas highlighting' : 'canvas'}
      data-testid="canvas"
      data-layout={layoutPending ? 'pending' : 'done'}
      data-highlight={current ? (focus ?? '') : ''}
      data-policy={focused.policy ?? undefined}
      aria-busy={!current}
    >
      <CanvasFinder model={model} />
      <div className="canvas-top">
        <CanvasLegend highlighting={focus !== null} graph={graph} deniedCount={deniedCount} />
        {/* In the bar above the canvas: the zoom buttons never sit over a node or its buttons. */}
        <div className="canvas-zoom">
          <Controls showInteractive={false} orientation="horizontal" />
        </div>
      </div>
      {dense && !focus && (
        <p className="canvas-dense-note" role="status">
          {graph.edges.length.toLocaleString('en')} rules between these boxes:{' '}
          {selectedNode ? 'showing those of the selection' : 'select one to see its rules'}
        </p>
      )}
      <div className="canvas-body">
        <div className="canvas-flow">
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={focused.nodes}
            edges={focused.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={onNodeDragStop}
            onConnectEnd={connect.onConnectEnd}
            onBeforeDelete={onBeforeDelete}
            onPaneClick={deselect}
            onNodeMouseEnter={onNodeMouseEnter}
            onEdgeMouseEnter={hoverEdge}
            onEdgeMouseLeave={leaveEdge}
            deleteKeyCode={DELETE_KEYS}
            zIndexMode="auto"
            colorMode="system"
            onlyRenderVisibleElements={cull}
            minZoom={0.1}
            maxZoom={2}
            fitView
            fitViewOptions={INITIAL_FIT}
            proOptions={PRO_OPTIONS}
          >
            <Background gap={24} size={1} color="var(--canvas-dots, #d0d5dd)" />
          </ReactFlow>
          {reading && (
            <div className="canvas-reading" role="status">
              Reading the workspace…
            </div>
          )}
          {connect.pending && (
            <ConnectPopover pending={connect.pending} model={model} onClose={connect.cancel} />
          )}
          {adding && <AddObjectDialog kind={adding} onClose={() => setAdding(null)} />}
        </div>
        {/* Beside the canvas, not over it: the minimap never covers a node or a button. */}
        {!everythingVisible && (
          <aside className="canvas-map" aria-label="Minimap">
            <MiniMap
              position="top-left"
              pannable
              zoomable
              ariaLabel="Minimap: the whole workspace; drag to move the view"
              nodeStrokeWidth={2}
              nodeColor={minimapColor}
              nodeStrokeColor={minimapStroke}
              maskColor="var(--minimap-mask, rgb(240 242 245 / 65%))"
            />
            <p className="canvas-map-hint">Drag the map, or Fit view, to see the rest.</p>
          </aside>
        )}
      </div>
    </div>
  );
}

export function CanvasView() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}
