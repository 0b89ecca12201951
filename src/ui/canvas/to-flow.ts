// Graph + layout + the user's drags → React Flow nodes and edges. Nodes and edges keep their
// object identity across parses while what they draw is unchanged, so after an edit React Flow
// re-renders only what the edit touched (it compares objects, not contents).
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { NodePosition } from '../../store/workspace-store.ts';
import { NODE_SIZE } from '../../view/graph-types.ts';
import type {
  ExternalNodeData,
  FlowSummary,
  Graph,
  GraphNode,
  NamespaceNodeData,
  PolicyEdgeData,
  WorkloadNodeData,
} from '../../view/graph-types.ts';
import type { Layout } from '../graph/layout.ts';

export type WorkloadFlowNode = Node<{ readonly g: WorkloadNodeData }, 'workload'>;
export type NamespaceFlowNode = Node<{ readonly g: NamespaceNodeData }, 'namespace'>;
export type ExternalFlowNode = Node<{ readonly g: ExternalNodeData }, 'external'>;
export type CanvasNode = WorkloadFlowNode | NamespaceFlowNode | ExternalFlowNode;

export type PolicyFlowEdge = Edge<{ readonly g: PolicyEdgeData }, 'policy'>;
export type VerdictFlowEdge = Edge<
  {
    readonly f: FlowSummary;
    /** The flow of an older model, drawn until the new verdicts come (only where it was). */
    readonly pending?: boolean;
  },
  'flow'
>;
export type CanvasEdge = PolicyFlowEdge | VerdictFlowEdge;

// Source ranges move with every edit above an object; nothing on the canvas draws them (panels
// read the current model), so they are not part of what makes a node or edge "changed".
const drawn = (key: string, value: unknown) => (key === 'source' ? undefined : value);

/**
 * Keeps the previous object for an id while its signature is unchanged. One per kind of object;
 * entries of ids that disappear are dropped on the next round.
 */
class StableObjects<T> {
  private last = new Map<string, { sig: string; value: T }>();
  private next = new Map<string, { sig: string; value: T }>();

  get(id: string, sig: string, make: () => T): T {
    const old = this.last.get(id);
    const value = old && old.sig === sig ? old.value : make();
    this.next.set(id, { sig, value });
    return value;
  }

  /** Ends a round: only the ids seen in it are remembered. */
  commit(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

const stableNodes = new StableObjects<CanvasNode>();
const stablePolicyEdges = new StableObjects<PolicyFlowEdge>();
const stableFlowEdges = new StableObjects<VerdictFlowEdge>();

export function toFlowNodes(
  graph: Graph,
  layout: Layout,
  positions: Readonly<Record<string, NodePosition>>,
  /** Nodes a canvas filter leaves out: drawn with the `dimmed` class (faded, still clickable). */
  dimmed?: ReadonlySet<string>,
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
  const nodes = graph.nodes.map((n): CanvasNode => {
    const position = place(n.id);
    const box = n.data.kind === 'namespace' ? layout[n.id] : undefined;
    const fit = extent.get(n.id);
    const dim = dimmed?.has(n.id) === true;
    const sig = JSON.stringify(
      [n.parent, position, box, fit, n.width, n.height, n.data, dim],
      drawn,
    );
    return stableNodes.get(n.id, sig, () => {
      const node = flowNode(n, position, layout, extent);
      return dim ? { ...node, className: `${node.className ?? ''} dimmed`.trim() } : node;
    });
  });
  stableNodes.commit();
  return nodes;
}

const wrappers = new WeakMap<GraphNode['data'], { readonly g: GraphNode['data'] }>();
/**
 * The same `data` object for the same graph data: a node redrawn only for its place or its
 * class (a filter or a selection fading it) keeps its data, so its component, memoised on its
 * props, does not render again.
 */
function dataOf<D extends GraphNode['data']>(g: D): { readonly g: D } {
  let data = wrappers.get(g);
  if (!data) {
    data = { g };
    wrappers.set(g, data);
  }
  return data as { readonly g: D };
}

function flowNode(
  n: GraphNode,
  position: NodePosition,
  layout: Layout,
  extent: ReadonlyMap<string, { w: number; h: number }>,
): CanvasNode {
  const base = {
    id: n.id,
    position,
    ariaLabel: n.data.ariaLabel,
    ...(n.parent === undefined ? {} : { parentId: n.parent, expandParent: true }),
  };
  if (n.data.kind === 'namespace') {
    const box = layout[n.id];
    const fit = extent.get(n.id) ?? { w: 0, h: 0 };
    return {
      ...base,
      type: 'namespace',
      data: dataOf(n.data),
      width: Math.max(box?.width ?? n.width, fit.w, n.width),
      height: Math.max(box?.height ?? n.height, fit.h, n.height),
      dragHandle: '.ns-header',
      className: [n.data.inferred && 'inferred', n.data.collapsed && 'collapsed']
        .filter(Boolean)
        .join(' '),
    };
  }
  if (n.data.kind === 'workload') return { ...base, type: 'workload', data: dataOf(n.data) };
  return { ...base, type: 'external', data: dataOf(n.data) };
}

const FLOW_COLORS = { allowed: '#067647', partial: '#b54708', denied: '#c81e1e' } as const;

/**
 * Dark mode's edge label backgrounds (theme-dark.css draws them; keep the two in step): policy
 * labels on one dark slate, flow labels on a dark tint of their verdict.
 */
export const DARK_LABEL_BG = '#182030';
export const DARK_FLOW_LABEL_BG = {
  allowed: '#0f2a1e',
  partial: '#2e220e',
  denied: '#321718',
} as const;
/** Verdict colours for dark mode: light enough for 4.5:1 on every dark label background. */
const FLOW_COLORS_DARK = { allowed: '#4fd18b', partial: '#f5a04e', denied: '#ff8a80' } as const;

const policyColors = new Map<number, string>();
const policyColorsDark = new Map<number, string>();
/**
 * A policy's colour: its hue at the lightest shade that still reads on the white edge labels
 * (WCAG AA, 4.5:1 for their small text); yellows and greens need a darker shade than blues.
 */
export function policyColor(hue: number): string {
  let color = policyColors.get(hue);
  if (color === undefined) {
    let l = 40;
    while (l > 20 && contrastOnWhite(hue, 62, l) < 4.6) l -= 1;
    color = `hsl(${hue} 62% ${l}%)`;
    policyColors.set(hue, color);
  }
  return color;
}

/**
 * The same policy colour for dark mode: its hue at the darkest shade that still reads (4.5:1) on
 * the dark edge labels; blues and violets need a lighter shade than yellows.
 */
export function policyColorDark(hue: number): string {
  let color = policyColorsDark.get(hue);
  if (color === undefined) {
    const bg = hexLuminance(DARK_LABEL_BG);
    let l = 60;
    while (l < 90 && contrastRatio(hslLuminance(hue, 62, l), bg) < 4.6) l += 1;
    color = `hsl(${hue} 62% ${l}%)`;
    policyColorsDark.set(hue, color);
  }
  return color;
}

/** WCAG relative luminance of hsl(h s% l%). */
export function hslLuminance(h: number, s: number, l: number): number {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    return linear(l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return 0.2126 * channel(0) + 0.7152 * channel(8) + 0.0722 * channel(4);
}

/** WCAG relative luminance of a #rrggbb colour. */
export function hexLuminance(hex: string): number {
  const c = (i: number) => linear(parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5);
}

const linear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

/** WCAG contrast ratio of two relative luminances, in either order. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** WCAG contrast ratio of hsl(h s% l%) against white. */
export function contrastOnWhite(h: number, s: number, l: number): number {
  return contrastRatio(1, hslLuminance(h, s, l));
}
export const flowColor = (state: FlowSummary['state']): string => FLOW_COLORS[state];
export const flowColorDark = (state: FlowSummary['state']): string => FLOW_COLORS_DARK[state];

/**
 * What the canvas draws with: the light colour or the dark one, as the page's colour scheme
 * (the system setting, see theme-dark.css) asks. A CSS `light-dark()` value, so edges, labels
 * and arrowheads switch with the system without re-rendering. Exports use the light ones.
 */
export const themedPolicyColor = (hue: number): string =>
  `light-dark(${policyColor(hue)}, ${policyColorDark(hue)})`;
export const themedFlowColor = (state: FlowSummary['state']): string =>
  `light-dark(${flowColor(state)}, ${flowColorDark(state)})`;

const marker = (color: string) => ({ type: MarkerType.ArrowClosed, color, width: 16, height: 16 });

// One array of policy edges per graph: the same objects across selections, so React Flow skips
// every edge whose object did not change (highlighting fades them with CSS, not with data).
const policyEdgeCache = new WeakMap<Graph, PolicyFlowEdge[]>();
function policyEdges(graph: Graph): PolicyFlowEdge[] {
  let edges = policyEdgeCache.get(graph);
  if (!edges) {
    edges = graph.edges.map((e) =>
      stablePolicyEdges.get(e.id, JSON.stringify([e.source, e.target, e.data]), () => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'policy' as const,
        data: { g: e.data },
        ariaLabel: e.data.ariaLabel,
        focusable: true,
        zIndex: 1,
        markerEnd: marker(themedPolicyColor(e.data.hue)),
      })),
    );
    stablePolicyEdges.commit();
    policyEdgeCache.set(graph, edges);
  }
  return edges;
}

const flowEdgeCache = new WeakMap<FlowSummary, VerdictFlowEdge>();
/**
 * What a flow's drawing depends on: a namespace's edge is drawn from its state, counts and label,
 * which sum its members up. Not `members` itself: reading it builds the summaries a worker's reply
 * leaves packed until an inspector asks (5,000 workloads: ~20 ms at each new answer), and
 * `JSON.stringify` reads a getter even when a replacer then drops its value.
 */
const drawingKey = (f: FlowSummary): string =>
  JSON.stringify([f.id, f.source, f.target, f.direction, f.state, f.ariaLabel, f.ports, f.counts]);

function flowEdge(f: FlowSummary): VerdictFlowEdge {
  let e = flowEdgeCache.get(f);
  if (!e) {
    e = stableFlowEdges.get(f.id, drawingKey(f), () => ({
      id: f.id,
      source: f.source,
      target: f.target,
      type: 'flow',
      data: { f },
      ariaLabel: f.ariaLabel,
      focusable: true,
      zIndex: 2,
      className: `flow-${f.state}`,
      markerEnd: marker(themedFlowColor(f.state)),
    }));
    flowEdgeCache.set(f, e);
  }
  return e;
}

/**
 * `rules`: false leaves the policy edges out (highlighting a dense canvas): React Flow's cost
 * grows with every edge it holds, hidden or not.
 */
export function toFlowEdges(
  graph: Graph,
  flows: readonly FlowSummary[],
  selectedEdge: string | null,
  /** true: every rule edge; false: none; a node id: only the rules that end at that node. */
  rules: boolean | string = true,
  /** The flows are those of an older model, shown while the new ones are computed. */
  pending = false,
): CanvasEdge[] {
  const flowEdges = flows.map((f): VerdictFlowEdge => {
    const e = flowEdge(f);
    // A verdict being computed again is not offered to the keyboard or announced (the canvas is
    // aria-busy meanwhile), drawn where it still fits or not at all.
    return pending
      ? {
          ...e,
          data: { f, pending: true },
          focusable: false,
          domAttributes: { 'aria-hidden': true },
        }
      : e;
  });
  stableFlowEdges.commit();
  const shown =
    rules === true
      ? policyEdges(graph)
      : rules === false
        ? []
        : policyEdges(graph).filter(
            (e) => e.source === rules || e.target === rules || e.id === selectedEdge,
          );
  const edges: CanvasEdge[] = shown.length > 0 ? [...shown, ...flowEdges] : flowEdges;
  if (selectedEdge === null) return edges;
  return edges.map((e) => (e.id === selectedEdge ? ({ ...e, selected: true } as CanvasEdge) : e));
}
