// The provisional edge path, before the nodes are measured and routed (canvas-routes.ts): a cubic
// curve between the handles whose control points shift sideways per lane, so parallel rules fan
// out; and the stacking order of edge labels.
import { useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';

export interface EdgePath {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

/** A label's height plus a pixel: stacked labels of parallel edges just clear each other. */
export const LABEL_PITCH = 19;

/** 0, +1, -1, +2, -2, … capped, so dozens of parallel rules do not fling curves far away. */
export function laneSlot(lane: number): number {
  if (lane <= 0) return 0;
  const step = Math.min(Math.ceil(lane / 2), 5);
  return lane % 2 === 1 ? step : -step;
}

export function lanePath(sx: number, sy: number, tx: number, ty: number, lane: number): EdgePath {
  const k = Math.max(50, Math.abs(ty - sy) / 2);
  const slot = laneSlot(lane);
  const o = slot * 22;
  // Handles sit on the bottom (out) and top (in) of nodes: the curve leaves downwards.
  const path = `M${sx},${sy} C${sx + o},${sy + k} ${tx + o},${ty - k} ${tx},${ty}`;
  // Beside the curve's midpoint (t = 0.5), one label pitch further up or down per lane.
  return {
    path,
    labelX: (sx + tx) / 2 + 0.75 * o,
    labelY: (sy + ty) / 2 + slot * LABEL_PITCH,
  };
}

const LABEL_LAYER = 1000;

/**
 * The stacking order React Flow gives the edge (`zIndexMode="auto"`: above its nodes' parents),
 * for its label: the label layer is below the nodes, so a label inside a namespace would sit under
 * the namespace's translucent background, washed out.
 */
export function useLabelZ(source: string, target: string, edgeZ: number): number {
  return useStore((s: ReactFlowState) => {
    const z = (id: string) => {
      const n = s.nodeLookup.get(id);
      return n?.parentId ? n.internals.z : 0;
    };
    // Above every node: labels are placed clear of nodes (src/view/place-labels.ts), so one that
    // meets a namespace's body or another edge's hit area must stay on top to stay clickable.
    return LABEL_LAYER + edgeZ + Math.max(z(source), z(target));
  });
}

/**
 * Whether a filter left out both of the edge's ends (their nodes carry the `dimmed` class,
 * to-flow.ts): the edge steps back with them. An edge to a node the filter keeps stays bright.
 */
export function useFilteredOut(source: string, target: string): boolean {
  return useStore((s: ReactFlowState) => {
    const dim = (id: string) => s.nodeLookup.get(id)?.className?.includes('dimmed') === true;
    return dim(source) && dim(target);
  });
}
