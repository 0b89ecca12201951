// Fitting the view without ever shrinking workload names below 10 px on screen. When everything
// fits at a readable zoom, everything is shown; otherwise the part that matters (the selection
// and its peers, or the namespaces that policies touch) is, and the minimap shows the rest.
import type { ReactFlowInstance, Rect } from '@xyflow/react';
import type { Graph } from '../../store/graph/graph-types.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

/** Workload names are drawn at this size (canvas.css `.wl-name`). */
export const NAME_PX = 14;
/** The smallest zoom a fit uses: names at 10 px or more. */
export const READABLE_ZOOM = Math.ceil((10 / NAME_PX) * 1000) / 1000;

type Flow = ReactFlowInstance<CanvasNode, CanvasEdge>;

/** Room kept clear along the sides: the zoom controls sit at the bottom right. */
const PADDING = { top: '20px', left: '20px', bottom: '20px', right: '64px' } as const;
/** With the minimap showing (top right), its corner is kept clear too. */
const PADDING_WITH_MAP = { ...PADDING, right: '200px' } as const;
const PAD_PX = { x: 20 + 64, y: 40 };

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
}

/** Fits as described above; says whether everything is on screen afterwards. */
export function fitReadable(flow: Flow, request: FitRequest): boolean {
  const nodes = flow.getNodes();
  if (nodes.length === 0) return true;
  const all = zoomToFit(flow.getNodesBounds(nodes), request.pane) >= READABLE_ZOOM;
  const options = {
    maxZoom: 1,
    minZoom: READABLE_ZOOM,
    ...(request.duration ? { duration: request.duration } : {}),
  };
  if (all && !request.focus?.length) {
    void flow.fitView({ ...options, padding: PADDING });
    return true;
  }
  const ids = importantNodes(request.graph, request.focus ?? []);
  void flow.fitView({
    ...options,
    padding: all ? PADDING : PADDING_WITH_MAP,
    nodes: ids.map((id) => ({ id })),
  });
  return all;
}
