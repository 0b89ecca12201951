// Centres the canvas on a set of nodes at a zoom where workload names stay readable: the current
// zoom when it is readable, zoomed out (not below READABLE_ZOOM) to fit them all, and never
// above 1.
import type { ReactFlowInstance, Rect } from '@xyflow/react';
import { NODE_SIZE } from '../../view/graph-types.ts';
import { READABLE_ZOOM, zoomToFit } from './fit-readable.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

type Flow = ReactFlowInstance<CanvasNode, CanvasEdge>;

/** The nodes' bounds in flow coordinates; null when none of them is on the canvas. */
export function boundsOf(flow: Flow, ids: readonly string[]): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const id of ids) {
    const n = flow.getInternalNode(id);
    if (!n) continue;
    const { x, y } = n.internals.positionAbsolute;
    // Nodes never drawn yet (off screen in a large workspace) have not been measured.
    const w = n.measured.width ?? n.width ?? NODE_SIZE.workload.width;
    const h = n.measured.height ?? n.height ?? NODE_SIZE.workload.height;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Centres the view on the nodes; false when none of them is on the canvas. */
export function centreOn(
  flow: Flow,
  ids: readonly string[],
  pane: { width: number; height: number },
  duration = 0,
): boolean {
  const box = boundsOf(flow, ids);
  if (!box) return false;
  const current = flow.getViewport().zoom;
  const zoom = Math.max(READABLE_ZOOM, Math.min(current, zoomToFit(box, pane), 1));
  void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, {
    zoom,
    ...(duration > 0 ? { duration } : {}),
  });
  return true;
}

/** Whether the nodes' centre is within a few pixels of the pane's centre. */
export function centredOn(
  flow: Flow,
  ids: readonly string[],
  pane: { width: number; height: number },
): boolean {
  const box = boundsOf(flow, ids);
  if (!box) return false;
  const { x, y, zoom } = flow.getViewport();
  const cx = (box.x + box.width / 2) * zoom + x;
  const cy = (box.y + box.height / 2) * zoom + y;
  return Math.hypot(cx - pane.width / 2, cy - pane.height / 2) < 4;
}
