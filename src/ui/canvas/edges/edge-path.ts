// A cubic edge path whose control points shift sideways per lane, so parallel rules between the
// same two nodes fan out instead of drawing on top of each other.
export interface EdgePath {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

export function lanePath(sx: number, sy: number, tx: number, ty: number, lane: number): EdgePath {
  const k = Math.max(50, Math.abs(tx - sx) / 2);
  // 0, +22, -22, +44, …
  // Capped: dozens of rules between two namespaces should not fling curves across the canvas.
  const step = Math.min(Math.ceil(lane / 2), 5);
  const o = lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * step * 22;
  const path = `M${sx},${sy} C${sx + k},${sy + o} ${tx - k},${ty + o} ${tx},${ty}`;
  // The curve's midpoint (t = 0.5).
  return { path, labelX: (sx + tx) / 2, labelY: (sy + ty) / 2 + 0.75 * o };
}
