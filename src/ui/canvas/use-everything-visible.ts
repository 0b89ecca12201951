// Whether every node is inside the pane at the current pan and zoom: the minimap shows only when
// something is out of sight. The nodes' bounds are computed once per change of the nodes, so a
// pan costs four comparisons.
import { useEffect } from 'react';
import { useStore } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';

let memo: { nodes: ReactFlowState['nodes']; box: [number, number, number, number] | null } | null =
  null;

function bounds(s: ReactFlowState): [number, number, number, number] | null {
  if (memo && memo.nodes === s.nodes) return memo.box;
  let box: [number, number, number, number] | null = null;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden || n.parentId) continue;
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? n.width ?? 0;
    const h = n.measured.height ?? n.height ?? 0;
    box = box
      ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x + w), Math.max(box[3], y + h)]
      : [x, y, x + w, y + h];
  }
  memo = { nodes: s.nodes, box };
  return box;
}

/** The minimap's column beside the pane (canvas.css `.canvas-map`). */
export const MAP_WIDTH = 184;

/** Whether the minimap's column is on screen now (one canvas per page). */
let mapShown = false;

/**
 * While the minimap shows, the pane is narrower by its column: what it would show without the
 * map is judged on the wider pane, or the map would keep itself on screen.
 */
export function useEverythingVisible(): boolean {
  const visible = useStore((s) => {
    const box = bounds(s);
    if (!box || s.width === 0) return true;
    const [tx, ty, zoom] = s.transform;
    const width = s.width + (mapShown ? MAP_WIDTH : 0);
    return (
      box[0] * zoom + tx >= -1 &&
      box[1] * zoom + ty >= -1 &&
      box[2] * zoom + tx <= width + 1 &&
      box[3] * zoom + ty <= s.height + 1
    );
  });
  useEffect(() => {
    mapShown = !visible;
  }, [visible]);
  return visible;
}
