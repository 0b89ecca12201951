// A cubic edge path whose control points shift sideways per lane, so parallel rules between the
// same two nodes fan out instead of drawing on top of each other; their labels stack vertically
// for the same reason.
import { useStore } from '@xyflow/react';
import { shallow } from 'zustand/shallow';
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
    return edgeZ + Math.max(z(source), z(target));
  });
}

/** A node's rectangle in canvas coordinates. */
export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node's absolute rectangle in the React Flow store once it is measured; null before. */
export function boxOf(s: ReactFlowState, id: string): NodeBox | null {
  const n = s.nodeLookup.get(id);
  const width = n?.measured.width;
  const height = n?.measured.height;
  if (!n || !width || !height) return null;
  const { x, y } = n.internals.positionAbsolute;
  return { x, y, width, height };
}

export function useNodeBox(id: string): NodeBox | null {
  return useStore((s: ReactFlowState) => boxOf(s, id), shallowBox);
}

const shallowBox = (a: NodeBox | null, b: NodeBox | null) =>
  a === b || (a !== null && b !== null && shallow(a, b));

/** Where the line from the box's centre toward `to` leaves the box. */
function border(box: NodeBox, to: { x: number; y: number }): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = to.x - cx;
  const dy = to.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const s = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return { x: cx + dx * s, y: cy + dy * s };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A quadratic curve: from `a`, bent towards `c`, to `b`. */
export interface Curve {
  readonly a: Point;
  readonly c: Point;
  readonly b: Point;
}

export function pointAt({ a, c, b }: Curve, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * a.x + 2 * t * u * c.x + t * t * b.x,
    y: u * u * a.y + 2 * t * u * c.y + t * t * b.y,
  };
}

/**
 * A flow between two nodes' facing sides, whichever way they lie (handles sit on the bottom and
 * top, which sends a flow to a node above into a loop across both). It bows a little to its left,
 * so the flows both ways between the same pair form a lens instead of one line.
 */
export function floatingCurve(from: NodeBox, to: NodeBox): Curve {
  const centre = (box: NodeBox) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const a = border(from, centre(to));
  const b = border(to, centre(from));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const bow = Math.min(36, Math.max(16, length * 0.18));
  // Perpendicular, to the left of the direction of travel.
  const c = {
    x: (a.x + b.x) / 2 + (dy / length) * bow,
    y: (a.y + b.y) / 2 - (dx / length) * bow,
  };
  return { a, c, b };
}

export function curvePath({ a, c, b }: Curve): string {
  return `M${a.x},${a.y} Q${c.x},${c.y} ${b.x},${b.y}`;
}
