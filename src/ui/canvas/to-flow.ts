// Graph + layout + the user's drags + selection → React Flow nodes and edges. Node data objects are
// cached per graph node, so memoised node components re-render only when their node changes.
import type { Edge, Node } from '@xyflow/react';
import type { NodePosition, Selection } from '../../store/workspace-store.ts';
import { NODE_SIZE } from '../graph/graph-types.ts';
import type {
  ExternalNodeData,
  FlowSummary,
  Graph,
  GraphEdge,
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

export type PolicyFlowEdge = Edge<
  { readonly g: PolicyEdgeData; readonly dimmed: boolean },
  'policy'
>;
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
  selectedId: string | null,
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
      selected: n.id === selectedId,
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

const policyDataCache = new WeakMap<GraphEdge, { g: PolicyEdgeData; dimmed: boolean }[]>();
const policyData = (e: GraphEdge, dimmed: boolean) => {
  let pair = policyDataCache.get(e);
  if (!pair)
    policyDataCache.set(
      e,
      (pair = [
        { g: e.data, dimmed: false },
        { g: e.data, dimmed: true },
      ]),
    );
  return pair[dimmed ? 1 : 0] as { g: PolicyEdgeData; dimmed: boolean };
};

export function toFlowEdges(
  graph: Graph,
  flows: readonly FlowSummary[],
  selection: Selection | null,
): CanvasEdge[] {
  const highlighting = flows.length > 0;
  const edges: CanvasEdge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: 'policy',
    data: policyData(e, highlighting),
    ariaLabel: e.data.ariaLabel,
    selected: selection?.kind === 'edge' && selection.id === e.id,
    focusable: true,
    zIndex: highlighting ? 0 : 1,
  }));
  for (const f of flows) {
    edges.push({
      id: f.id,
      source: f.source,
      target: f.target,
      type: 'flow',
      data: { f },
      ariaLabel: f.ariaLabel,
      selected: selection?.kind === 'edge' && selection.id === f.id,
      focusable: true,
      zIndex: 2,
      className: `flow-${f.state}`,
    });
  }
  return edges;
}
