// Every edge's route and label position on the canvas, computed in one pass by the view layer
// (src/view/route-canvas.ts) from the nodes as React Flow has placed and measured them, and shared
// by all edges through a store selector. Recomputed only when a box or the set of edges changes.
import type { Edge, Node, ReactFlowState } from '@xyflow/react';
import { displayText } from '../../../model/display-text.ts';
import { NODE_SIZE } from '../../../view/graph-types.ts';
import type { FlowSummary, PolicyEdgeData } from '../../../view/graph-types.ts';
import { routeCanvas, sameScene } from '../../../view/route-canvas.ts';
import type { RoutedEdge, RoutedScene, SceneEdge, SceneNode } from '../../../view/route-canvas.ts';
import type { Rect } from '../../../view/geometry.ts';

/** The label box's height (CSS `.edge-label`: 15 px line, 1 px padding and border each side). */
export const LABEL_HEIGHT = 19;
/** Padding and border of `.edge-label` (6 + 1 each side), a gap of 5 between parts, some slack. */
const PAD = 16;
const GAP = 5;
const FONT_SIZE = 10.5;

/** The bits of a canvas 2D context used to measure text (typed here: tests run without the DOM). */
interface TextMeasurer {
  font: string;
  measureText(text: string): { width: number };
}
interface Page {
  readonly document?: {
    createElement(tag: 'canvas'): { getContext(kind: '2d'): TextMeasurer | null };
    readonly body: object;
  };
  getComputedStyle?(element: object): { fontFamily: string };
}

let context: TextMeasurer | null | undefined;
let fontFamily = 'sans-serif';
const widths = new Map<string, number>();

/** Rendered width of text in the labels' font, measured once per text and weight. */
function textWidth(text: string, weight: number): number {
  const key = `${weight}\u0000${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (context === undefined) {
      const page = globalThis as Page;
      context = page.document?.createElement('canvas').getContext('2d') ?? null;
      if (page.document && page.getComputedStyle)
        fontFamily = page.getComputedStyle(page.document.body).fontFamily;
    }
    if (context) {
      context.font = `${weight} ${FONT_SIZE}px ${fontFamily}`;
      w = context.measureText(text).width;
    } else w = text.length * 6.6;
    if (widths.size > 20_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

const partsWidth = (parts: readonly string[], weight: number) =>
  Math.ceil(
    PAD + parts.reduce((sum, t) => sum + textWidth(t, weight), 0) + GAP * (parts.length - 1),
  );

/** What a policy edge's label says: the policy, then the rule's ports. */
export function policyLabelParts(g: PolicyEdgeData): { policy: string; ports: string } {
  if (g.aggregate && g.aggregate.policies.length > 1)
    return { policy: `${g.aggregate.policies.length} policies`, ports: g.portsLabel };
  const name = g.policyId.slice(g.policyId.indexOf('/') + 1);
  // An end that stands for some pods of a namespace says which: an AND peer is not the namespace.
  const ports = g.only ? `${g.only} · ${g.portsLabel}` : g.portsLabel;
  return { policy: displayText(name, 18), ports: displayText(ports, g.only ? 48 : 26) };
}

/** The width the label is drawn at (CSS clips text beyond it), so placement and DOM agree. */
export function policyLabelWidth(g: PolicyEdgeData): number {
  const { policy, ports } = policyLabelParts(g);
  return Math.ceil(partsWidth([policy], 650) + textWidth(ports, 400) + GAP);
}

/** What a flow's label says, as FlowEdge renders it: one part per span. */
export function flowLabelParts(f: FlowSummary): string[] {
  const parts: string[] = [];
  if (f.counts) {
    const { allowed, partial, denied } = f.counts;
    if (allowed > 0) parts.push(`✓ ${allowed}`);
    if (partial > 0) parts.push(`◐ ${partial}`);
    if (denied > 0) parts.push(`✗ ${denied}`);
  }
  for (const p of f.ports.slice(0, 3))
    parts.push(`${p.allowed ? '✓' : '✗'} ${p.protocol === 'TCP' ? '' : `${p.protocol} `}${p.port}`);
  if (f.ports.length > 3) parts.push(`+${f.ports.length - 3}`);
  return parts;
}

export const flowLabelWidth = (f: FlowSummary): number => partsWidth(flowLabelParts(f), 600);

/** Workload and external nodes have a fixed size in CSS (canvas.css), as the layout assumes. */
const FALLBACK: Partial<Record<string, { width: number; height: number }>> = {
  workload: NODE_SIZE.workload,
  external: NODE_SIZE.external,
};

function kindOf(type: string | undefined, data: unknown): SceneNode['kind'] {
  if (type === 'external') return 'external';
  if (type !== 'namespace') return 'workload';
  // A collapsed namespace is a box like any node; an open one is a container of its workloads.
  return (data as { g?: { collapsed?: boolean } } | undefined)?.g?.collapsed
    ? 'collapsed-namespace'
    : 'namespace';
}

let memo: {
  state: ReactFlowState;
  nodes: ReactFlowState['nodeLookup'] extends Map<string, infer N> ? N[] : never;
  edges: ReactFlowState['edges'];
  routes: ReadonlyMap<string, RoutedEdge>;
} | null = null;

/**
 * Whether React Flow's internal nodes are the ones routed last: it replaces a node's object when
 * it moves or is measured again, so comparing references is enough (and cheap: this runs for
 * every drawn edge on every store update, panning included).
 */
function sameNodes(s: ReactFlowState, last: NonNullable<typeof memo>['nodes']): boolean {
  if (s.nodeLookup.size !== last.length) return false;
  let i = 0;
  for (const n of s.nodeLookup.values()) if (n !== last[i++]) return false;
  return true;
}

/**
 * A React Flow store selector. While a workload's flows are highlighted the policy edges step back
 * (CSS hides their labels), so only the flows' labels are placed.
 */
export function canvasRoutes(s: ReactFlowState): ReadonlyMap<string, RoutedEdge> {
  // Every edge runs this selector on the same store state: the first computes, the rest reuse.
  if (memo?.state === s) return memo.routes;
  if (memo && memo.edges === s.edges && sameNodes(s, memo.nodes)) {
    memo.state = s;
    return memo.routes;
  }
  const nodes: SceneNode[] = [];
  const seen = [...s.nodeLookup.values()];
  for (const n of seen) {
    // Nodes off screen are not rendered (nor measured) on a large canvas: their known size keeps
    // the routes from changing, and being computed again, each time panning brings one in.
    const width = n.measured.width ?? n.width ?? FALLBACK[n.type ?? '']?.width;
    const height = n.measured.height ?? n.height ?? FALLBACK[n.type ?? '']?.height;
    if (n.hidden || !width || !height) continue;
    const { x, y } = n.internals.positionAbsolute;
    nodes.push({ id: n.id, kind: kindOf(n.type, n.data), box: { x, y, width, height } });
  }
  const highlighting = s.edges.some((e) => e.type === 'flow');
  const edges: SceneEdge[] = [];
  for (const e of s.edges) {
    if (e.hidden) continue;
    const d = e.data as { g?: PolicyEdgeData; f?: FlowSummary; pending?: boolean } | undefined;
    const width = d?.f ? flowLabelWidth(d.f) : d?.g && !highlighting ? policyLabelWidth(d.g) : 0;
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(width > 0 ? { label: { width, height: LABEL_HEIGHT } } : {}),
      // A flow of an older model, shown until the new verdicts come: not worth routing anew.
      ...(d?.pending ? { optional: true } : {}),
    });
  }
  // From the scene routed last: a new model drawing the same edges with the same labels (an edit
  // elsewhere in a large workspace) keeps the very routes; otherwise only the edges that changed,
  // or pass near nodes that did, are routed again, once something reads them.
  const routes =
    lastRouted && sameScene(lastRouted, nodes, edges)
      ? lastRouted.routes
      : new LazyRoutes((self) => {
          const routed = routeCanvas(nodes, edges, {}, lastRouted ?? undefined);
          lastRouted = { nodes, edges, routes: self };
          return routed;
        });
  memo = { state: s, nodes: seen, edges: s.edges, routes };
  return routes;
}

/** The scene whose routes were last computed (read), for the next routing to start from. */
let lastRouted: RoutedScene | null = null;

/**
 * Routes computed when first read. React Flow applies new `nodes` and new `edges` as two store
 * updates, and every edge's selector runs after each: the state in between (the new model's
 * nodes with the old model's edges, e.g. the flows of a selection after an edit moved its
 * namespace) is never drawn, so it is never routed either. The edges render once, after both.
 */
class LazyRoutes implements ReadonlyMap<string, RoutedEdge> {
  private routed: ReadonlyMap<string, RoutedEdge> | null = null;
  constructor(private readonly compute: (self: LazyRoutes) => ReadonlyMap<string, RoutedEdge>) {}
  private get map(): ReadonlyMap<string, RoutedEdge> {
    return (this.routed ??= this.compute(this));
  }
  get size(): number {
    return this.map.size;
  }
  get(id: string): RoutedEdge | undefined {
    return this.map.get(id);
  }
  has(id: string): boolean {
    return this.map.has(id);
  }
  forEach(
    each: (value: RoutedEdge, key: string, map: ReadonlyMap<string, RoutedEdge>) => void,
    thisArg?: unknown,
  ): void {
    this.map.forEach((value, key) => each.call(thisArg, value, key, this));
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map[Symbol.iterator]();
  }
}

/** The placed labels' boxes, in canvas coordinates: a fit frames them with the nodes. */
export function labelBoxes<N extends Node, E extends Edge>(s: ReactFlowState<N, E>): Rect[] {
  const out: Rect[] = [];
  // The routes are typed over React Flow's default node and edge types; only boxes are read.
  for (const r of canvasRoutes(s as unknown as ReactFlowState).values())
    if (r.label && r.labelSize)
      out.push({
        x: r.label.x - r.labelSize.width / 2,
        y: r.label.y - r.labelSize.height / 2,
        width: r.labelSize.width,
        height: r.labelSize.height,
      });
  return out;
}
