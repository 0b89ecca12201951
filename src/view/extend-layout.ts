// A small edit keeps the picture still: the few nodes it adds are placed beside the last layout
// instead of laying everything out again. A workload goes below its namespace's last row (the
// namespace grows, and what stood below it moves down just enough); a new namespace or external
// network goes in the free spot nearest the nodes it is connected to, or else nearest the middle
// of what is on screen.
import { NODE_SIZE } from './graph-types.ts';
import type { Graph, GraphNode } from './graph-types.ts';

/** Position relative to the parent (as React Flow wants) and, for groups, the size. */
export interface LayoutBox {
  readonly x: number;
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
}

export type NodeLayout = Readonly<Record<string, LayoutBox>>;

/** At most this many new nodes are placed beside the old layout instead of laying out again. */
export const MAX_PLACED_BESIDE = 3;

/** Between workloads inside a namespace, and between top-level boxes. */
const INNER_GAP = 24;
const OUTER_GAP = 60;
/** The least clearance between top-level boxes (the packer's rows keep about 56). */
const CLEARANCE = 40;
/**
 * Spots left of or above the picture cost this much more: growing that way shifts the whole
 * picture's frame, and people read new things to the right and below.
 */
const BACKWARDS = 160;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box, gap: number): boolean =>
  a.x < b.x + b.width + gap &&
  b.x < a.x + a.width + gap &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;

function sizeOf(n: GraphNode, at: LayoutBox | undefined): { width: number; height: number } {
  return { width: at?.width ?? n.width, height: at?.height ?? n.height };
}

export interface ExtendOptions {
  /**
   * Nodes gone since (counted with the added ones) are taken out, leaving the rest where it was
   * (a namespace keeps its size); without it, any removal asks for a new layout.
   */
  readonly removals?: boolean;
}

/**
 * The previous layout with the added nodes placed; null when the edit is not small (more than
 * MAX_PLACED_BESIDE nodes added, or any removed unless `removals`), which asks for a new layout.
 */
export function extendLayout(
  previous: NodeLayout,
  graph: Graph,
  /** The part of the canvas on screen: a node with no neighbours is placed near its middle. */
  view?: { x: number; y: number; width: number; height: number },
  options: ExtendOptions = {},
): NodeLayout | null {
  const added = graph.nodes.filter((n) => previous[n.id] === undefined);
  const removed = options.removals
    ? Object.keys(previous).filter((id) => !graph.nodeById.has(id))
    : [];
  const changed = added.length + removed.length;
  if (changed === 0 || changed > MAX_PLACED_BESIDE) return null;
  if (Object.keys(previous).length - removed.length !== graph.nodes.length - added.length)
    return null;
  const gone = new Set(removed);
  const out: Record<string, LayoutBox> = Object.fromEntries(
    Object.entries(previous).filter(([id]) => !gone.has(id)),
  );
  const isNew = new Set(added.map((n) => n.id));
  const placed = new Set<string>();
  const childrenOf = (id: string) => graph.nodes.filter((m) => m.parent === id);

  /** Stacks a workload below its namespace's lowest child; returns how much the namespace grew. */
  const stack = (n: GraphNode, parentId: string): number => {
    const parent = out[parentId];
    const parentNode = graph.nodeById.get(parentId);
    if (!parent || !parentNode) return 0;
    let bottom = NODE_SIZE.namespaceHeader - INNER_GAP;
    for (const m of childrenOf(parentId)) {
      const at = m.id === n.id ? undefined : out[m.id];
      if (at) bottom = Math.max(bottom, at.y + m.height);
    }
    out[n.id] = { x: NODE_SIZE.namespacePadding, y: bottom + INNER_GAP };
    const before = sizeOf(parentNode, parent);
    const height = Math.max(
      before.height,
      bottom + INNER_GAP + n.height + NODE_SIZE.namespacePadding,
    );
    out[parentId] = {
      ...parent,
      height,
      width: Math.max(before.width, n.width + 2 * NODE_SIZE.namespacePadding),
    };
    return height - before.height;
  };

  const topLevel = (): (Box & { id: string })[] =>
    graph.nodes.flatMap((n) => {
      const at = out[n.id];
      if (n.parent !== undefined || !at || (isNew.has(n.id) && !placed.has(n.id))) return [];
      return [{ id: n.id, x: at.x, y: at.y, ...sizeOf(n, at) }];
    });

  // Workloads added to namespaces that were already there.
  for (const n of added) {
    if (n.parent === undefined || isNew.has(n.parent)) continue;
    const parentNode = graph.nodeById.get(n.parent);
    const parentAt = out[n.parent];
    if (!parentNode || !parentAt) return null;
    const oldBottom = parentAt.y + sizeOf(parentNode, parentAt).height;
    const grown = stack(n, n.parent);
    if (grown > 0) pushDown(n.parent, oldBottom);
  }

  // New top-level nodes, with their new workloads inside.
  for (const n of added) {
    if (n.parent !== undefined) continue;
    out[n.id] = {
      x: 0,
      y: 0,
      ...(n.data.kind === 'namespace' ? { width: n.width, height: n.height } : {}),
    };
    for (const child of childrenOf(n.id)) if (isNew.has(child.id)) stack(child, n.id);
    const sized = out[n.id] ?? { x: 0, y: 0 };
    const near = neighboursOf(n.id);
    const spot = freeSpot(
      sizeOf(n, sized),
      topLevel(),
      near.length > 0 || !view
        ? near
        : [{ x: view.x + view.width / 2, y: view.y + view.height / 2 }],
    );
    out[n.id] = { ...sized, x: spot.x, y: spot.y };
    placed.add(n.id);
  }
  return out;

  /**
   * The namespace grew downwards from `oldBottom`: top-level boxes below it that it now reaches
   * move down, with everything further below them, so the rows keep their order and nothing
   * overlaps.
   */
  function pushDown(grownId: string, oldBottom: number): void {
    const boxes = topLevel();
    const grown = boxes.find((b) => b.id === grownId);
    if (!grown) return;
    let shift = 0;
    for (const b of boxes)
      if (b.id !== grownId && b.y >= oldBottom && overlaps(grown, b, OUTER_GAP / 2))
        shift = Math.max(shift, grown.y + grown.height + OUTER_GAP - b.y);
    if (shift <= 0) return;
    for (const b of boxes) {
      const at = out[b.id];
      if (at && b.id !== grownId && b.y >= oldBottom) out[b.id] = { ...at, y: b.y + shift };
    }
  }

  /** Centres of the placed nodes the new node shares an edge with (its own workloads' too). */
  function neighboursOf(id: string): { x: number; y: number }[] {
    const mine = new Set([id, ...childrenOf(id).map((c) => c.id)]);
    const centres: { x: number; y: number }[] = [];
    for (const e of graph.edges) {
      const other = mine.has(e.source) ? e.target : mine.has(e.target) ? e.source : null;
      if (other === null || mine.has(other)) continue;
      const c = absoluteCentre(other);
      if (c) centres.push(c);
    }
    return centres;
  }

  function absoluteCentre(id: string): { x: number; y: number } | null {
    const n = graph.nodeById.get(id);
    const at = out[id];
    if (!n || !at || isNew.has(id)) return null;
    const { width, height } = sizeOf(n, at);
    let x = at.x + width / 2;
    let y = at.y + height / 2;
    if (n.parent !== undefined) {
      const p = out[n.parent];
      if (!p) return null;
      x += p.x;
      y += p.y;
    }
    return { x, y };
  }
}

/**
 * A free spot for a box of `size` among the top-level boxes: beside or below each of them (and
 * left of or above the first), clear of all. Nearest the neighbours when it has any; otherwise
 * the spot that grows the picture's bounds least, so it stays the shape the pane asked for.
 */
export function freeSpot(
  size: { width: number; height: number },
  boxes: readonly Box[],
  neighbours: readonly { x: number; y: number }[],
): { x: number; y: number } {
  if (boxes.length === 0) return { x: 0, y: 0 };
  const candidates: { x: number; y: number; back: boolean }[] = [];
  for (const b of boxes) {
    candidates.push({ x: b.x + b.width + OUTER_GAP, y: b.y, back: false });
    candidates.push({ x: b.x, y: b.y + b.height + OUTER_GAP, back: false });
    candidates.push({ x: b.x - size.width - OUTER_GAP, y: b.y, back: true });
    candidates.push({ x: b.x, y: b.y - size.height - OUTER_GAP, back: true });
  }
  const bounds = {
    x0: Math.min(...boxes.map((b) => b.x)),
    y0: Math.min(...boxes.map((b) => b.y)),
    x1: Math.max(...boxes.map((b) => b.x + b.width)),
    y1: Math.max(...boxes.map((b) => b.y + b.height)),
  };
  const area = (x0: number, y0: number, x1: number, y1: number) => (x1 - x0) * (y1 - y0);
  const before = area(bounds.x0, bounds.y0, bounds.x1, bounds.y1);
  let best: { p: { x: number; y: number }; score: number } | null = null;
  for (const p of candidates) {
    const box = { ...p, ...size };
    if (boxes.some((b) => overlaps(box, b, CLEARANCE))) continue;
    const cx = p.x + size.width / 2;
    const cy = p.y + size.height / 2;
    const growth =
      area(
        Math.min(bounds.x0, p.x),
        Math.min(bounds.y0, p.y),
        Math.max(bounds.x1, p.x + size.width),
        Math.max(bounds.y1, p.y + size.height),
      ) - before;
    const back = p.back && (p.x < bounds.x0 || p.y < bounds.y0) ? BACKWARDS : 0;
    const score =
      back +
      (neighbours.length > 0
        ? neighbours.reduce((s, q) => s + Math.hypot(q.x - cx, q.y - cy), 0) / neighbours.length +
          growth / 1e6
        : growth + Math.hypot(p.x - bounds.x0, p.y - bounds.y0) * 1e-3);
    if (!best || score < best.score) best = { p: { x: p.x, y: p.y }, score };
  }
  // Some candidate is always free (right of the rightmost box); this is for safety's sake.
  return best?.p ?? { x: bounds.x1 + OUTER_GAP, y: bounds.y0 };
}
