// Where the labels of the highlighted flows go. Every flow touches the selected workload, so
// labels at their curves' midpoints pile up around it and on the nodes between; each label is
// slid along its own curve to the first spot that covers no other label and no node.
import type { ReactFlowState } from '@xyflow/react';
import type { FlowSummary } from '../../../store/graph/graph-types.ts';
import { LABEL_PITCH, boxOf, floatingCurve, pointAt } from './edge-path.ts';
import type { Curve, NodeBox, Point } from './edge-path.ts';

export interface LabelRequest {
  readonly id: string;
  readonly curve: Curve;
  /** Estimated width in canvas pixels; the height is one label pitch. */
  readonly width: number;
}

/** Along the curve, from the middle outwards; never at the very ends, where the arrows are. */
const STOPS = [0.5, 0.42, 0.58, 0.35, 0.65, 0.28, 0.72, 0.2, 0.8];

interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
  Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/**
 * Greedy, in the order given: each label takes the first stop that overlaps nothing placed and
 * no obstacle, or else the stop that overlaps least.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly NodeBox[],
): Map<string, Point> {
  const taken: Rect[] = obstacles.map((o) => ({
    x0: o.x,
    y0: o.y,
    x1: o.x + o.width,
    y1: o.y + o.height,
  }));
  const out = new Map<string, Point>();
  const h = LABEL_PITCH / 2;
  for (const r of requests) {
    const w = r.width / 2;
    let best: { p: Point; rect: Rect; cost: number } | null = null;
    for (const t of STOPS) {
      const p = pointAt(r.curve, t);
      const rect = { x0: p.x - w, y0: p.y - h, x1: p.x + w, y1: p.y + h };
      let cost = 0;
      for (const o of taken) {
        cost += overlap(rect, o);
        if (best && cost >= best.cost) break;
      }
      if (!best || cost < best.cost) best = { p, rect, cost };
      if (cost === 0) break;
    }
    if (best) {
      out.set(r.id, best.p);
      taken.push(best.rect);
    }
  }
  return out;
}

/** What a flow's label says (as FlowEdge renders it), to size it. */
export function flowLabelText(f: FlowSummary): string {
  const parts: string[] = [];
  if (f.members) {
    const ok = f.members.filter((m) => m.state === 'allowed').length;
    const no = f.members.filter((m) => m.state === 'denied').length;
    const some = f.members.length - ok - no;
    if (ok > 0) parts.push(`✓ ${ok}`);
    if (some > 0) parts.push(`◐ ${some}`);
    if (no > 0) parts.push(`✗ ${no}`);
  }
  for (const p of f.ports.slice(0, 3))
    parts.push(`${p.allowed ? '✓' : '✗'} ${p.protocol === 'TCP' ? '' : `${p.protocol} `}${p.port}`);
  if (f.ports.length > 3) parts.push(`+${f.ports.length - 3}`);
  return parts.join(' ');
}

/** Width of a flow label at the canvas's 10.5 px bold label font, padding included. */
export const labelWidth = (text: string) => 14 + text.length * 6.6;

let memo: {
  edges: ReactFlowState['edges'];
  nodes: ReactFlowState['nodes'];
  placed: Map<string, Point>;
} | null = null;

/**
 * A React Flow store selector: every flow label's position, computed once per change of the
 * edges or the nodes (a drag moves nodes, so labels follow) and shared by all flow edges.
 */
export function flowLabelPositions(s: ReactFlowState): Map<string, Point> {
  if (memo && memo.edges === s.edges && memo.nodes === s.nodes) return memo.placed;
  const requests: LabelRequest[] = [];
  for (const e of s.edges) {
    if (e.type !== 'flow') continue;
    const f = (e.data as { f?: FlowSummary } | undefined)?.f;
    const from = boxOf(s, e.source);
    const to = boxOf(s, e.target);
    if (!f || !from || !to) continue;
    requests.push({
      id: e.id,
      curve: floatingCurve(from, to),
      width: labelWidth(flowLabelText(f)),
    });
  }
  let placed = new Map<string, Point>();
  if (requests.length > 0) {
    const obstacles: NodeBox[] = [];
    for (const n of s.nodes) {
      if (n.type === 'namespace') continue;
      const box = boxOf(s, n.id);
      if (box) obstacles.push(box);
    }
    placed = placeLabels(requests, obstacles);
  }
  memo = { edges: s.edges, nodes: s.nodes, placed };
  return placed;
}
