// Places each edge's label on its own route, clear of the nodes, the namespace headers and the
// labels placed before it: candidates run along the route's longest stretches first, then slide
// off the line; a label that finds no free spot is left out.
/* eslint-disable @typescript-eslint/no-non-null-assertion -- indices come from the loops' own bounds (arrays and typed arrays in hot loops) */
import { overlapArea, rectAround } from './geometry.ts';
import type { Point, Rect } from './geometry.ts';

export interface LabelToPlace {
  readonly id: string;
  readonly route: readonly Point[];
  readonly width: number;
  readonly height: number;
}

/** Clearance kept around a label, so neighbours never touch. */
const GAP = 2;
/** Along a stretch, from its middle outwards, then every STEP pixels of it. */
const STOPS = [0.5, 0.35, 0.65, 0.2, 0.8];
const STEP = 14;

/**
 * Where to try a label, best first: made as they are tried (the first is usually free, and a
 * label's whole list ran to hundreds of points).
 */
function* candidates(
  route: readonly Point[],
  width: number,
  height: number,
  reach: number,
): Generator<Point> {
  const stretches: { a: Point; b: Point; length: number; ts: number[] }[] = [];
  for (let i = 1; i < route.length; i++) {
    const a = route[i - 1]!;
    const b = route[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length >= 1) stretches.push({ a, b, length, ts: along(length) });
  }
  stretches.sort((p, q) => q.length - p.length);
  for (let k = 0; k <= reach; k++)
    for (const offset of k === 0 ? [0] : [k, -k])
      for (const { a, b, ts } of stretches) {
        const horizontal = Math.abs(b.y - a.y) < Math.abs(b.x - a.x);
        // Beside a vertical stretch: on the canvas at most one step, or the label would stand
        // beside another edge; a static diagram (reach > 2) may search further.
        if (!horizontal && reach <= 2 && Math.abs(offset) > 1) continue;
        for (const t of ts) {
          const x = a.x + (b.x - a.x) * t;
          const y = a.y + (b.y - a.y) * t;
          // Off the line: above or below a horizontal stretch, beside a vertical one.
          yield horizontal
            ? { x, y: y + offset * (height + GAP) * 0.75 }
            : { x: x + offset * (width / 2 + GAP + 2), y };
        }
      }
}

/** Where along a stretch of this length, as fractions: from its middle outwards. */
function along(length: number): number[] {
  const ts = [...STOPS];
  const n = Math.floor(length / STEP);
  // Outwards from the middle, in both directions.
  for (let k = 1; k <= n / 2; k++) ts.push(0.5 - (k * STEP) / length, 0.5 + (k * STEP) / length);
  return ts.filter((t) => t > 0.05 && t < 0.95);
}

/** Rectangles in square cells, so a candidate is checked against its neighbours only. */
class TakenIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly rects: Rect[] = [];
  /** The query that last met each rectangle (one spanning several cells counts once). */
  private met = new Int32Array(64);
  private query = 0;
  private static readonly SIZE = 160;

  add(r: Rect): void {
    const i = this.rects.push(r) - 1;
    if (i >= this.met.length) {
      const grown = new Int32Array(this.met.length * 2);
      grown.set(this.met);
      this.met = grown;
    }
    const s = TakenIndex.SIZE;
    const x1 = Math.floor((r.x + r.width) / s);
    const y1 = Math.floor((r.y + r.height) / s);
    // Cells keyed by one number: 2^20 columns is far wider than any canvas.
    for (let gx = Math.floor(r.x / s); gx <= x1; gx++)
      for (let gy = Math.floor(r.y / s); gy <= y1; gy++) {
        const key = gy * 1_048_576 + gx;
        const list = this.cells.get(key);
        if (list) list.push(i);
        else this.cells.set(key, [i]);
      }
  }

  /** Total overlap of the box with what is taken, stopping early once past `limit`. */
  overlap(box: Rect, limit: number): number {
    let cost = 0;
    const query = ++this.query;
    const s = TakenIndex.SIZE;
    const x1 = Math.floor((box.x + box.width) / s);
    const y1 = Math.floor((box.y + box.height) / s);
    for (let gx = Math.floor(box.x / s); gx <= x1; gx++)
      for (let gy = Math.floor(box.y / s); gy <= y1; gy++) {
        const list = this.cells.get(gy * 1_048_576 + gx);
        if (!list) continue;
        for (const i of list) {
          if (this.met[i] === query) continue;
          this.met[i] = query;
          cost += overlapArea(box, this.rects[i]!);
          if (cost >= limit) return cost;
        }
      }
    return cost;
  }
}

/**
 * Greedy in the order given (put the labels that matter most first). `obstacles`: node boxes and
 * namespace headers, in canvas coordinates.
 */
export interface PlaceOptions {
  /** How many steps a label may slide off its line (each about its height, or half its width). */
  readonly reach?: number;
  /**
   * Place every label, at the spot that overlaps least when none is free (a static diagram has
   * no hover to show a left-out label); by default such a label is left out.
   */
  readonly placeAll?: boolean;
  /**
   * The picture's extent (its nodes, which a fit frames): among free spots, one inside it is
   * preferred, so a label is not cut at the pane's edge when its route also runs inside.
   */
  readonly bounds?: Rect;
}

/** The part of the box outside the bounds, as an area (0 without bounds). */
function outside(box: Rect, bounds: Rect | undefined): number {
  return bounds ? box.width * box.height - overlapArea(box, bounds) : 0;
}

export function placeLabels(
  labels: readonly LabelToPlace[],
  obstacles: readonly Rect[],
  options: PlaceOptions = {},
): Map<string, Point> {
  const reach = options.reach ?? 2;
  const taken = new TakenIndex();
  for (const o of obstacles) taken.add(o);
  const out = new Map<string, Point>();
  for (const label of labels) {
    const w = label.width + 2 * GAP;
    const h = label.height + 2 * GAP;
    // Least overlap first, then least outside the picture.
    let best: { p: Point; cost: number; out: number } | null = null;
    for (const p of candidates(label.route, label.width, label.height, reach)) {
      const cost = taken.overlap(rectAround(p, w, h), best ? best.cost + 1 : Infinity);
      if (best && cost > best.cost) continue;
      const out = outside(rectAround(p, label.width, label.height), options.bounds);
      if (!best || cost < best.cost || out < best.out) best = { p, cost, out };
      if (cost === 0 && out === 0) break;
    }
    // No free spot: the label is left out rather than laid over another or a node's text (the
    // canvas shows it while its edge is hovered or selected).
    if (best && (best.cost === 0 || options.placeAll)) {
      out.set(label.id, best.p);
      taken.add(rectAround(best.p, label.width, label.height));
    }
  }
  return out;
}
