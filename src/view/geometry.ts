// Plain geometry for the view layer: points, rectangles, polylines and the SVG path of a route.
// Canvas coordinates (React Flow's flow space), y pointing down.
/* eslint-disable @typescript-eslint/no-non-null-assertion -- indices come from the loops' own bounds (arrays and typed arrays in hot loops) */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const inflate = (r: Rect, by: number): Rect => ({
  x: r.x - by,
  y: r.y - by,
  width: r.width + 2 * by,
  height: r.height + 2 * by,
});

/** The smallest rectangle holding them all; null for none. */
export function unionOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Area of the intersection of two rectangles (0 when they only touch). */
export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export const rectAround = (centre: Point, width: number, height: number): Rect => ({
  x: centre.x - width / 2,
  y: centre.y - height / 2,
  width,
  height,
});

/** Does the segment a→b pass through the open interior of the rectangle? (Liang–Barsky clip.) */
export function segmentCrossesRect(a: Point, b: Point, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  if (
    !clip(-dx, a.x - r.x) ||
    !clip(dx, r.x + r.width - a.x) ||
    !clip(-dy, a.y - r.y) ||
    !clip(dy, r.y + r.height - a.y)
  )
    return false;
  // Inside for a stretch, not just touching a corner or running along a side.
  if (t1 - t0 <= 1e-9) return false;
  const mid = { x: a.x + dx * ((t0 + t1) / 2), y: a.y + dy * ((t0 + t1) / 2) };
  return (
    mid.x > r.x + 1e-6 &&
    mid.x < r.x + r.width - 1e-6 &&
    mid.y > r.y + 1e-6 &&
    mid.y < r.y + r.height - 1e-6
  );
}

export function polylineLength(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    total += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return total;
}

/** Drops points that lie on the straight line between their neighbours, and repeats. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && collinear(prev, last, p)) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

const collinear = (a: Point, b: Point, c: Point) =>
  Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) < 1e-6;

/** An SVG path through the points, each corner rounded with up to `radius`. */
export function roundedPath(points: readonly Point[], radius = 10): string {
  const p = points;
  if (p.length === 0) return '';
  const first = p[0]!;
  let d = `M${first.x},${first.y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const a = p[i - 1]!;
    const b = p[i]!;
    const c = p[i + 1]!;
    const inLen = Math.hypot(b.x - a.x, b.y - a.y);
    const outLen = Math.hypot(c.x - b.x, c.y - b.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    const s = {
      x: b.x - ((b.x - a.x) / (inLen || 1)) * r,
      y: b.y - ((b.y - a.y) / (inLen || 1)) * r,
    };
    const e = {
      x: b.x + ((c.x - b.x) / (outLen || 1)) * r,
      y: b.y + ((c.y - b.y) / (outLen || 1)) * r,
    };
    d += ` L${s.x},${s.y} Q${b.x},${b.y} ${e.x},${e.y}`;
  }
  const last = p[p.length - 1]!;
  if (p.length > 1) d += ` L${last.x},${last.y}`;
  return d;
}
