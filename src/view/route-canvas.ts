// The canvas's edges laid out on the placed nodes: a route around every node that is not an end,
// and a label on that route clear of nodes, namespace headers and other labels. One pass for the
// whole picture, so no two labels are placed without knowing of each other.
import { placeLabels } from './place-labels.ts';
import type { PlaceOptions } from './place-labels.ts';
import { routeEdges } from './route-edges.ts';
import { inflate, unionOf } from './geometry.ts';
import type { Point, Rect } from './geometry.ts';

export interface SceneNode {
  readonly id: string;
  /** Namespaces are containers (only their header is an obstacle) unless collapsed. */
  readonly kind: 'workload' | 'external' | 'namespace' | 'collapsed-namespace';
  readonly box: Rect;
}

export interface SceneEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The label's size in canvas pixels; absent: the edge has no label. */
  readonly label?: { readonly width: number; readonly height: number };
  /**
   * Drawn only on the route it had: a flow whose verdict is being computed again keeps its route
   * while its ends stay put, and is left out (no route) rather than routed anew for the moment
   * until its fresh verdict replaces it.
   */
  readonly optional?: boolean;
}

export interface RoutedEdge {
  readonly points: readonly Point[];
  /** The label's centre, when the edge has one and it found a free spot. */
  readonly label: Point | null;
  /** The placed label's size (with `label`). */
  readonly labelSize?: { readonly width: number; readonly height: number };
}

/** The middle of a route's longest stretch: where a label goes when it must be shown anyway. */
export function routeMiddle(points: readonly Point[]): Point {
  let best = { x: points[0]?.x ?? 0, y: points[0]?.y ?? 0 };
  let longest = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b) continue;
    const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (length > longest) {
      longest = length;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

/** Height of a namespace's header band: its name and its buttons. */
export const NAMESPACE_HEADER = 52;

/** What an edge or a label must keep clear of: a node, or an open namespace's header. */
const obstacleOf = (n: SceneNode): Rect =>
  n.kind === 'namespace' ? { ...n.box, height: Math.min(NAMESPACE_HEADER, n.box.height) } : n.box;

/** What edges and labels must keep clear of. */
export function obstaclesOf(nodes: readonly SceneNode[]): Rect[] {
  return nodes.map(obstacleOf);
}

/** The nodes' extent, a few pixels wider: labels prefer spots inside it (a fit frames it). */
function framing(nodes: readonly SceneNode[]): PlaceOptions {
  const all = unionOf(nodes.map((n) => n.box));
  return all ? { bounds: inflate(all, 6) } : {};
}

/** A scene as it was routed, for the next routing to start from. */
export interface RoutedScene {
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly routes: ReadonlyMap<string, RoutedEdge>;
}

const sameBox = (a: Rect, b: Rect) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** The same edges in the same order: ids, ends and label sizes (what routing reads). */
function sameEdges(a: readonly SceneEdge[], b: readonly SceneEdge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SceneEdge;
    const y = b[i] as SceneEdge;
    if (
      x.id !== y.id ||
      x.source !== y.source ||
      x.target !== y.target ||
      x.label?.width !== y.label?.width ||
      x.label?.height !== y.label?.height ||
      x.optional !== y.optional
    )
      return false;
  }
  return true;
}

/** The same nodes in the same places, in the same order. */
function sameBoxes(a: readonly SceneNode[], b: readonly SceneNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SceneNode;
    const y = b[i] as SceneNode;
    if (x.id !== y.id || x.kind !== y.kind || !sameBox(x.box, y.box)) return false;
  }
  return true;
}

/** Whether a scene routed before has the same nodes (boxes) and edges: its routes stand. */
export function sameScene(
  previous: RoutedScene,
  nodes: readonly SceneNode[],
  edges: readonly SceneEdge[],
): boolean {
  return sameEdges(previous.edges, edges) && sameBoxes(previous.nodes, nodes);
}

/** Clearance around a changed node within which a kept route is routed again (the router's 10). */
const NEAR = 12;

/**
 * The nodes that moved, were resized, came or went between two scenes, and the areas their
 * obstacles took before and take now; null when most of the picture changed (all routed again).
 */
function changes(
  before: readonly SceneNode[],
  now: readonly SceneNode[],
): { readonly moved: ReadonlySet<string>; readonly areas: readonly Rect[] } | null {
  const was = new Map(before.map((n) => [n.id, n]));
  const moved = new Set<string>();
  const areas: Rect[] = [];
  for (const n of now) {
    const w = was.get(n.id);
    was.delete(n.id);
    if (w && w.kind === n.kind && sameBox(w.box, n.box)) continue;
    // Routes go around obstacles only: an open namespace that grew matters by its header.
    moved.add(n.id);
    areas.push(inflate(obstacleOf(n), NEAR));
    if (w) areas.push(inflate(obstacleOf(w), NEAR));
  }
  for (const gone of was.values()) areas.push(inflate(obstacleOf(gone), NEAR));
  return (moved.size + was.size) * 2 > now.length ? null : { moved, areas };
}

/** Whether a polyline of orthogonal stretches touches a rectangle. */
function touches(points: readonly Point[], r: Rect): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (
      Math.max(a.x, b.x) >= r.x &&
      Math.min(a.x, b.x) <= r.x + r.width &&
      Math.max(a.y, b.y) >= r.y &&
      Math.min(a.y, b.y) <= r.y + r.height
    )
      return true;
  }
  return false;
}

/**
 * Routes every edge and places the labels. With `previous` (this function's last scene and
 * result, for the same `labelOptions`), the same scene gives the same routes (the very map: a
 * new model drawing the same edges re-renders none), and an edge routed then between the same
 * ends keeps its route unless an end moved or the
 * route passes near a node that moved, came or went; only the others are routed, around the kept
 * ones: an edit or a drag that changes a few edges or nodes of a large canvas costs those few,
 * and the rest of the picture stays put. Labels are placed anew. An `optional` edge is never
 * routed: it keeps a route it can keep, or has none.
 */
export function routeCanvas(
  nodes: readonly SceneNode[],
  edges: readonly SceneEdge[],
  labelOptions: PlaceOptions = {},
  previous?: RoutedScene,
): ReadonlyMap<string, RoutedEdge> {
  if (previous && sameScene(previous, nodes, edges)) return previous.routes;
  const ends = new Map<string, Rect>();
  for (const n of nodes) ends.set(n.id, n.box);
  const obstacles = obstaclesOf(nodes);
  const centre = (id: string) => {
    const b = ends.get(id);
    return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : { x: 0, y: 0 };
  };
  const span = (e: SceneEdge) => {
    const a = centre(e.source);
    const b = centre(e.target);
    return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
  };
  // Short edges first: they take the direct channels, long ones go around them.
  const ordered = [...edges].sort((a, b) => span(a) - span(b) || (a.id < b.id ? -1 : 1));
  const kept: { edge: SceneEdge; route: readonly Point[] }[] = [];
  let toRoute = ordered.filter((e) => !e.optional);
  const changed = previous && changes(previous.nodes, nodes);
  if (previous && changed) {
    const before = new Map(previous.edges.map((e) => [e.id, e]));
    toRoute = [];
    for (const e of ordered) {
      const was = before.get(e.id);
      const route = previous.routes.get(e.id)?.points;
      if (
        was &&
        route &&
        was.source === e.source &&
        was.target === e.target &&
        !changed.moved.has(e.source) &&
        !changed.moved.has(e.target) &&
        !changed.areas.some((area) => touches(route, area))
      )
        kept.push({ edge: e, route });
      else if (!e.optional) toRoute.push(e);
    }
  }
  const routes: Map<string, readonly Point[]> = routeEdges({ ends, obstacles }, toRoute, {}, kept);
  for (const { edge, route } of kept) routes.set(edge.id, route);
  const labels = placeLabels(
    ordered.flatMap((e) => {
      const route = routes.get(e.id);
      return route && e.label ? [{ id: e.id, route, ...e.label }] : [];
    }),
    obstacles,
    { ...framing(nodes), ...labelOptions },
  );
  const out = new Map<string, RoutedEdge>();
  for (const e of edges) {
    const points = routes.get(e.id);
    const label = labels.get(e.id) ?? null;
    if (points)
      out.set(e.id, { points, label, ...(label && e.label ? { labelSize: e.label } : {}) });
  }
  return out;
}
