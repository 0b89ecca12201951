// Layout of the canvas graph: ELK lays out each namespace's workloads (layered top to bottom by the
// rules between them); the namespaces and external networks are then packed in rows that suit the
// pane (src/view/pack-groups.ts), and edges are routed on the result (src/view/route-edges.ts).
// A quick grid serves the first paint and graphs too big to lay out at once.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { NODE_SIZE } from '../../view/graph-types.ts';
import type { Graph } from '../../view/graph-types.ts';
import { flowOrder, packRows } from '../../view/pack-groups.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
}

/** Node id → position (relative to its parent, as React Flow wants) and, for groups, size. */
export type Layout = Readonly<Record<string, Box>>;

// Spacing is read from each node's own parent, so groups repeat it; edge labels need the room.
const SPACING = {
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.layered.spacing.edgeNodeBetweenLayers': '30',
  'elk.spacing.componentComponent': '60',
};

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  ...SPACING,
};

const GROUP_OPTIONS = {
  ...SPACING,
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // One set of layers for the whole namespace: separate components would each start a new row.
  'elk.separateConnectedComponents': 'false',
  'elk.padding': `[top=${NODE_SIZE.namespaceHeader},left=${NODE_SIZE.namespacePadding},bottom=${NODE_SIZE.namespacePadding},right=${NODE_SIZE.namespacePadding}]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${NODE_SIZE.workload.width + 2 * NODE_SIZE.namespacePadding},${NODE_SIZE.namespaceHeader + NODE_SIZE.namespacePadding})`,
};

const MAX_LAYOUT_EDGES = 800;

/** The ELK input: one edge per connected pair (parallel rules add nothing to the layering). */
export function toElkGraph(graph: Graph): ElkNode {
  const children = new Map<string, ElkNode[]>();
  const top: ElkNode[] = [];
  for (const n of graph.nodes) {
    const node: ElkNode = { id: n.id, width: n.width, height: n.height };
    if (n.data.kind === 'namespace') {
      node.layoutOptions = GROUP_OPTIONS;
      node.children = [];
      children.set(n.id, node.children);
    }
    const siblings = n.parent === undefined ? top : children.get(n.parent);
    (siblings ?? top).push(node);
  }
  const members = new Map<string, string[]>();
  for (const n of graph.nodes)
    if (n.parent !== undefined) members.set(n.parent, [...(members.get(n.parent) ?? []), n.id]);
  // Each namespace is laid out on its own: only the rules between its own workloads order it.
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const e of graph.edges) {
    const parent = graph.nodeById.get(e.source)?.parent;
    if (parent === undefined || graph.nodeById.get(e.target)?.parent !== parent) continue;
    const key = `${e.source}\u0000${e.target}`;
    // ELK's recursion overflows on thousands of edges; the first ones shape the layers.
    if (e.source === e.target || seen.has(key) || edges.length >= MAX_LAYOUT_EDGES) continue;
    seen.add(key);
    edges.push({ id: `l${edges.length}`, sources: [e.source], targets: [e.target] });
  }
  stackIsolated(members, edges);
  // SEPARATE_CHILDREN: an edge belongs to the namespace that holds both its ends.
  const byParent = new Map<string, ElkExtendedEdge[]>();
  for (const e of edges) {
    const parent = graph.nodeById.get(e.sources[0] ?? '')?.parent ?? '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), e]);
  }
  for (const n of top) n.edges = byParent.get(n.id) ?? [];
  return { id: 'root', layoutOptions: ROOT_OPTIONS, children: top, edges: [] };
}

/**
 * Workloads no edge touches all land in ELK's first layer: one row, as wide as the namespace is
 * big (a dozen deployments made a strip too thin to read at Fit view). Layout-only edges chain
 * them into columns, so they stack in rows of about √n.
 */
function stackIsolated(members: ReadonlyMap<string, string[]>, edges: ElkExtendedEdge[]): void {
  const touched = new Set<string>();
  for (const e of edges) for (const id of [...e.sources, ...e.targets]) touched.add(id);
  for (const kids of members.values()) {
    const alone = kids.filter((id) => !touched.has(id));
    if (alone.length < 4) continue;
    const cols = Math.ceil(Math.sqrt(alone.length));
    alone.forEach((source, i) => {
      const target = alone[i + cols];
      if (target !== undefined)
        edges.push({ id: `l${edges.length}`, sources: [source], targets: [target] });
    });
  }
}

/**
 * A namespace's size from ELK, less the room ELK keeps below and beside its workloads for edges
 * that cross its border (we draw those ourselves): an empty band inside a namespace reads as a
 * missing workload.
 */
function trimmed(n: ElkNode): { width: number; height: number } {
  const pad = NODE_SIZE.namespacePadding;
  let right = 0;
  let bottom = 0;
  for (const c of n.children ?? []) {
    right = Math.max(right, (c.x ?? 0) + (c.width ?? 0));
    bottom = Math.max(bottom, (c.y ?? 0) + (c.height ?? 0));
  }
  const width = n.width ?? 0;
  const height = n.height ?? 0;
  if (!n.children?.length) return { width: Math.round(width), height: Math.round(height) };
  return {
    width: Math.round(Math.min(width, Math.max(right + pad, NODE_SIZE.workload.width + 2 * pad))),
    height: Math.round(Math.min(height, bottom + pad)),
  };
}

/**
 * Positions from ELK's answer; children stay relative to their namespace, as in React Flow. The
 * top-level boxes are then packed in rows for a pane `aspect` times as wide as it is tall.
 */
export function fromElkGraph(root: ElkNode, graph?: Graph, aspect = 1.2): Layout {
  const out: Record<string, Box> = {};
  const walk = (nodes: readonly ElkNode[] | undefined) => {
    for (const n of nodes ?? []) {
      const group = n.children !== undefined;
      out[n.id] = {
        x: Math.round(n.x ?? 0),
        y: Math.round(n.y ?? 0),
        ...(group ? trimmed(n) : {}),
      };
      walk(n.children);
    }
  };
  walk(root.children);
  if (!graph) return out;
  const topOf = (id: string) => graph.nodeById.get(id)?.parent ?? id;
  const items = (root.children ?? []).map((n) => ({
    id: n.id,
    width: out[n.id]?.width ?? n.width ?? 0,
    height: out[n.id]?.height ?? n.height ?? 0,
  }));
  const links = graph.edges.map((e) => ({ source: topOf(e.source), target: topOf(e.target) }));
  for (const [id, p] of packRows(flowOrder(items, links), aspect)) {
    const box = out[id];
    if (box) out[id] = { ...box, x: p.x, y: p.y };
  }
  return out;
}

export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function elkLayout(elk: ElkLike, graph: Graph, aspect = 1.2): Promise<Layout> {
  return fromElkGraph(await elk.layout(toElkGraph(graph)), graph, aspect);
}

/**
 * Namespaces as blocks of workload columns, externals in a column on the left. Instant for any
 * size, so the canvas never waits on ELK to show something.
 */
export function gridLayout(graph: Graph): Layout {
  const out: Record<string, Box> = {};
  const gap = 24;
  const pad = NODE_SIZE.namespacePadding;
  const { width: w, height: h } = NODE_SIZE.workload;
  const externals = graph.nodes.filter((n) => n.data.kind === 'external');
  externals.forEach((n, i) => (out[n.id] = { x: 0, y: i * (NODE_SIZE.external.height + gap) }));
  let x = externals.length > 0 ? NODE_SIZE.external.width + 90 : 0;
  let y = 0;
  let rowHeight = 0;
  const rowLimit = 2400;
  for (const ns of graph.nodes) {
    if (ns.data.kind !== 'namespace') continue;
    const members = graph.nodes.filter((n) => n.parent === ns.id);
    const cols = Math.max(1, Math.ceil(Math.sqrt(members.length / 2)));
    members.forEach((m, i) => {
      out[m.id] = {
        x: pad + (i % cols) * (w + gap),
        y: NODE_SIZE.namespaceHeader + Math.floor(i / cols) * (h + gap),
      };
    });
    const rows = Math.ceil(members.length / cols);
    const width = Math.max(ns.width, 2 * pad + cols * w + (cols - 1) * gap);
    const height = Math.max(ns.height, NODE_SIZE.namespaceHeader + pad + rows * (h + gap) - gap);
    if (x + width > rowLimit && x > 0) {
      x = externals.length > 0 ? NODE_SIZE.external.width + 90 : 0;
      y += rowHeight + 60;
      rowHeight = 0;
    }
    out[ns.id] = { x, y, width, height };
    x += width + 60;
    rowHeight = Math.max(rowHeight, height);
  }
  return out;
}
