// Fitting the view without ever shrinking workload names below 10 px on screen. When everything
// fits at a readable zoom, everything is shown; otherwise the part that matters (the selection
// and its peers, or the namespaces that policies touch) is, and the minimap shows the rest.
import type { ReactFlowInstance, Rect } from '@xyflow/react';
import type { Graph } from '../../view/graph-types.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';
import { MAP_WIDTH } from './use-everything-visible.ts';
import { unionOf } from '../../view/geometry.ts';

/** Workload names are drawn at this size (canvas.css `.wl-name`). */
export const NAME_PX = 14;
/** The smallest zoom a fit uses: names at 10 px or more. */
export const READABLE_ZOOM = Math.ceil((10 / NAME_PX) * 1000) / 1000;

type Flow = ReactFlowInstance<CanvasNode, CanvasEdge>;

/** Room kept clear along the sides of a fit. */
export const PADDING = { top: '20px', left: '20px', bottom: '20px', right: '20px' } as const;
/** When not everything fits, the minimap's column will take the pane's right side. */
const PADDING_WITH_MAP = { ...PADDING, right: `${20 + MAP_WIDTH}px` } as const;
const PAD_PX = { x: 40, y: 40 };

/** The zoom at which the box fits the pane, with the padding. */
export function zoomToFit(box: Rect, pane: { width: number; height: number }): number {
  if (box.width <= 0 || box.height <= 0) return 1;
  return Math.min((pane.width - PAD_PX.x) / box.width, (pane.height - PAD_PX.y) / box.height);
}

/** The nodes that matter when not everything fits: the focus, or what policies touch. */
export function importantNodes(graph: Graph, focus: readonly string[]): string[] {
  if (focus.length > 0) return [...focus];
  const touched = new Set<string>();
  for (const e of graph.edges) {
    for (const id of [e.source, e.target]) {
      const n = graph.nodeById.get(id);
      if (!n || n.data.kind === 'external') continue;
      touched.add(n.parent ?? id);
    }
  }
  return touched.size > 0 ? [...touched] : graph.nodes.slice(0, 1).map((n) => n.id);
}

export interface FitRequest {
  readonly graph: Graph;
  /** The selection and its peers, when something is selected. */
  readonly focus?: readonly string[];
  readonly pane: { width: number; height: number };
  readonly duration?: number;
  /**
   * Edge labels (canvas coordinates): framed with the nodes when both fit at a readable zoom, so
   * none is cut at the pane's edge; otherwise the nodes alone are framed, as before.
   */
  readonly labels?: readonly Rect[];
}

/** The nodes' bounds, widened to take in the labels. */
function framed(flow: Flow, nodes: CanvasNode[], labels: readonly Rect[] = []): Rect {
  const box = flow.getNodesBounds(nodes);
  return unionOf([box, ...labels]) ?? box;
}

/** Does the whole workspace fit the pane (without the minimap's column) at a readable zoom? */
export function fitsReadably(flow: Flow, pane: { width: number; height: number }): boolean {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || pane.width <= 0) return true;
  const mapShown = document.querySelector('.canvas-map') !== null;
  const full = mapShown ? { ...pane, width: pane.width + MAP_WIDTH } : pane;
  return zoomToFit(flow.getNodesBounds(nodes), full) >= READABLE_ZOOM;
}

/** Fits as described above; says whether everything is on screen afterwards. */
export function fitReadable(flow: Flow, request: FitRequest): boolean {
  const nodes = flow.getNodes();
  if (nodes.length === 0) return true;
  // The pane as it is without the minimap's column (shown now or not).
  const mapShown = document.querySelector('.canvas-map') !== null;
  const pane = mapShown ? { ...request.pane, width: request.pane.width + MAP_WIDTH } : request.pane;
  const all = zoomToFit(flow.getNodesBounds(nodes), pane) >= READABLE_ZOOM;
  const options = {
    maxZoom: 1,
    minZoom: READABLE_ZOOM,
    ...(request.duration ? { duration: request.duration } : {}),
  };
  if (all && !request.focus?.length) {
    // Placed on the whole pane (as it is once the minimap's column goes), not the current one.
    // With the labels when they fit at a readable zoom too; otherwise the nodes, as they decide.
    const withLabels = framed(flow, nodes, request.labels);
    const box =
      zoomToFit(withLabels, pane) >= READABLE_ZOOM ? withLabels : flow.getNodesBounds(nodes);
    const zoom = Math.max(READABLE_ZOOM, Math.min(1, zoomToFit(box, pane)));
    const left = 20;
    const right = pane.width - 20;
    const x = left + (right - left - box.width * zoom) / 2 - box.x * zoom;
    const y = (pane.height - box.height * zoom) / 2 - box.y * zoom;
    void flow.setViewport({ x, y, zoom }, request.duration ? { duration: request.duration } : {});
    return true;
  }
  const ids = importantNodes(request.graph, request.focus ?? []);
  void flow.fitView({
    ...options,
    padding: all || mapShown ? PADDING : PADDING_WITH_MAP,
    nodes: ids.map((id) => ({ id })),
  });
  return all;
}
