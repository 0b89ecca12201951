// A cubic edge path whose control points shift sideways per lane, so parallel rules between the
// same two nodes fan out instead of drawing on top of each other.
export interface EdgePath {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

export function lanePath(sx: number, sy: number, tx: number, ty: number, lane: number): EdgePath {
  const k = Math.max(50, Math.abs(ty - sy) / 2);
  // 0, +22, -22, +44, …
  // Capped: dozens of rules between two namespaces should not fling curves across the canvas.
  const step = Math.min(Math.ceil(lane / 2), 5);
  const o = lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * step * 22;
  // Handles sit on the bottom (out) and top (in) of nodes: the curve leaves downwards.
  const path = `M${sx},${sy} C${sx + o},${sy + k} ${tx + o},${ty - k} ${tx},${ty}`;
  // The curve's midpoint (t = 0.5).
  return { path, labelX: (sx + tx) / 2 + 0.75 * o, labelY: (sy + ty) / 2 };
}
