// Graph + layout + the user's drags → React Flow nodes and edges. Node data objects are
// cached per graph node, so memoised node components re-render only when their node changes.
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { NodePosition } from '../../store/workspace-store.ts';
import { NODE_SIZE } from '../graph/graph-types.ts';
import type {
  ExternalNodeData,
  FlowSummary,
  Graph,
  GraphNode,
  NamespaceNodeData,
  PolicyEdgeData,
  WorkloadNodeData,
} from '../graph/graph-types.ts';
import type { Layout } from '../graph/layout.ts';

export type WorkloadFlowNode = Node<{ readonly g: WorkloadNodeData }, 'workload'>;
export type NamespaceFlowNode = Node<{ readonly g: NamespaceNodeData }, 'namespace'>;
export type ExternalFlowNode = Node<{ readonly g: ExternalNodeData }, 'external'>;
export type CanvasNode = WorkloadFlowNode | NamespaceFlowNode | ExternalFlowNode;

export type PolicyFlowEdge = Edge<{ readonly g: PolicyEdgeData }, 'policy'>;
export type VerdictFlowEdge = Edge<{ readonly f: FlowSummary }, 'flow'>;
export type CanvasEdge = PolicyFlowEdge | VerdictFlowEdge;

const dataCache = new WeakMap<GraphNode, { g: GraphNode['data'] }>();
const dataOf = (n: GraphNode) => {
  let d = dataCache.get(n);
  if (!d) dataCache.set(n, (d = { g: n.data }));
  return d;
};

export function toFlowNodes(
  graph: Graph,
  layout: Layout,
  positions: Readonly<Record<string, NodePosition>>,
): CanvasNode[] {
  const place = (id: string) => positions[id] ?? layout[id] ?? { x: 0, y: 0 };
  // A group must hold its children wherever the user dragged them.
  const extent = new Map<string, { w: number; h: number }>();
  for (const n of graph.nodes) {
    if (n.parent === undefined) continue;
    const p = place(n.id);
    const e = extent.get(n.parent) ?? { w: 0, h: 0 };
    extent.set(n.parent, {
      w: Math.max(e.w, p.x + n.width + NODE_SIZE.namespacePadding),
      h: Math.max(e.h, p.y + n.height + NODE_SIZE.namespacePadding),
    });
  }
  return graph.nodes.map((n): CanvasNode => {
    const base = {
      id: n.id,
      position: place(n.id),
      ariaLabel: n.data.ariaLabel,
      ...(n.parent === undefined ? {} : { parentId: n.parent, expandParent: true }),
    };
    if (n.data.kind === 'namespace') {
      const box = layout[n.id];
      const fit = extent.get(n.id) ?? { w: 0, h: 0 };
      return {
        ...base,
        type: 'namespace',
        data: dataOf(n) as NamespaceFlowNode['data'],
        width: Math.max(box?.width ?? n.width, fit.w, n.width),
        height: Math.max(box?.height ?? n.height, fit.h, n.height),
        dragHandle: '.ns-header',
        className: n.data.inferred ? 'inferred' : '',
      };
    }
    if (n.data.kind === 'workload')
      return { ...base, type: 'workload', data: dataOf(n) as WorkloadFlowNode['data'] };
    return { ...base, type: 'external', data: dataOf(n) as ExternalFlowNode['data'] };
  });
}

const FLOW_COLORS = { allowed: '#067647', partial: '#b54708', denied: '#c81e1e' } as const;
export const policyColor = (hue: number): string => `hsl(${hue} 62% 40%)`;
export const flowColor = (state: FlowSummary['state']): string => FLOW_COLORS[state];

const marker = (color: string) => ({ type: MarkerType.ArrowClosed, color, width: 16, height: 16 });

// One array of policy edges per graph: the same objects across selections, so React Flow skips
// every edge whose object did not change (highlighting fades them with CSS, not with data).
const policyEdgeCache = new WeakMap<Graph, PolicyFlowEdge[]>();
function policyEdges(graph: Graph): PolicyFlowEdge[] {
  let edges = policyEdgeCache.get(graph);
  if (!edges) {
    edges = graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'policy' as const,
      data: { g: e.data },
      ariaLabel: e.data.ariaLabel,
      focusable: true,
      zIndex: 1,
      markerEnd: marker(policyColor(e.data.hue)),
    }));
    policyEdgeCache.set(graph, edges);
  }
  return edges;
}

const flowEdgeCache = new WeakMap<FlowSummary, VerdictFlowEdge>();
function flowEdge(f: FlowSummary): VerdictFlowEdge {
  let e = flowEdgeCache.get(f);
  if (!e) {
    e = {
      id: f.id,
      source: f.source,
      target: f.target,
      type: 'flow',
      data: { f },
      ariaLabel: f.ariaLabel,
      focusable: true,
      zIndex: 2,
      className: `flow-${f.state}`,
      markerEnd: marker(flowColor(f.state)),
    };
    flowEdgeCache.set(f, e);
  }
  return e;
}

export function toFlowEdges(
  graph: Graph,
  flows: readonly FlowSummary[],
  selectedEdge: string | null,
): CanvasEdge[] {
  const edges: CanvasEdge[] = [...policyEdges(graph), ...flows.map(flowEdge)];
  if (selectedEdge === null) return edges;
  return edges.map((e) => (e.id === selectedEdge ? ({ ...e, selected: true } as CanvasEdge) : e));
}
