// Arranges the canvas's top-level boxes (namespaces and external networks) in rows whose width
// suits the pane's shape, in an order where traffic reads left to right and top to bottom.
// Edges between namespaces are routed on the result (route-edges.ts), so the arrangement needs
// no layering across namespaces: packing keeps the picture compact enough to read at a fit.
/* eslint-disable @typescript-eslint/no-non-null-assertion -- indices come from the loops' own bounds */
import type { Point } from './geometry.ts';

export interface PackItem {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface PackLink {
  readonly source: string;
  readonly target: string;
}

/** Room between boxes: enough for a few routed edges and their labels. */
export const PACK_GAP = 56;

/**
 * Sources before the boxes they reach (Kahn's order; a cycle is broken at the box with the fewest
 * unplaced sources and then the most unplaced targets), so the first rows hold where traffic starts.
 */
export function flowOrder(items: readonly PackItem[], links: readonly PackLink[]): PackItem[] {
  const index = new Map(items.map((it, i) => [it.id, i]));
  const incoming = items.map(() => new Set<number>());
  const outgoing = items.map(() => new Set<number>());
  for (const l of links) {
    const s = index.get(l.source);
    const t = index.get(l.target);
    if (s === undefined || t === undefined || s === t) continue;
    incoming[t]!.add(s);
    outgoing[s]!.add(t);
  }
  const placed = new Array<boolean>(items.length).fill(false);
  const out: PackItem[] = [];
  while (out.length < items.length) {
    let best = -1;
    let bestLeft = Infinity;
    let bestReach = -1;
    for (let i = 0; i < items.length; i++) {
      if (placed[i]) continue;
      let left = 0;
      for (const s of incoming[i]!) if (!placed[s]) left++;
      let reach = 0;
      for (const t of outgoing[i]!) if (!placed[t]) reach++;
      if (left < bestLeft || (left === bestLeft && reach > bestReach)) {
        best = i;
        bestLeft = left;
        bestReach = reach;
        if (left === 0) break;
      }
    }
    placed[best] = true;
    out.push(items[best]!);
  }
  return out;
}

/** Shelf packing at one row width: each box's top-left corner, and the size of the whole. */
function shelves(items: readonly PackItem[], rowWidth: number, gap: number) {
  const at = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const it of items) {
    if (x > 0 && x + it.width > rowWidth) {
      x = 0;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    at.set(it.id, { x, y });
    x += it.width + gap;
    width = Math.max(width, x - gap);
    rowHeight = Math.max(rowHeight, it.height);
  }
  return { at, width, height: y + rowHeight };
}

/**
 * Shelf packing (boxes in order, top-aligned in rows) at the row width whose result fits a pane
 * `aspect` times as wide as it is tall at the largest scale. Returns each box's top-left corner.
 */
export function packRows(
  items: readonly PackItem[],
  aspect: number,
  gap = PACK_GAP,
): Map<string, Point> {
  if (items.length === 0) return new Map();
  const a = Math.max(0.2, aspect);
  const widest = Math.max(...items.map((it) => it.width));
  const total = items.reduce((sum, it) => sum + it.width + gap, 0);
  let best: { at: Map<string, Point>; scale: number } | null = null;
  // Row widths from the widest box to one row of everything, in small steps.
  for (let k = 0; k <= 40; k++) {
    const rowWidth = widest + ((total - widest) * k) / 40;
    const { at, width, height } = shelves(items, rowWidth, gap);
    const scale = Math.min(a / Math.max(1, width), 1 / Math.max(1, height));
    if (!best || scale > best.scale * 1.0001) best = { at, scale };
  }
  return best?.at ?? new Map();
}
