// Routes edges around the nodes that are not their ends: an orthogonal A* search on the grid of
// lines that run along every obstacle at a margin (a Hanan grid), with a cost for each bend and
// for running along a stretch other edges already use, so parallel edges spread over the free
// channels instead of piling up. Pure: the canvas, the tests and a worker run the same code.
/* eslint-disable @typescript-eslint/no-non-null-assertion -- indices come from the loops' own bounds (arrays and typed arrays in hot loops) */
import { inflate, simplify } from './geometry.ts';
import type { Point, Rect } from './geometry.ts';

export interface RoutingScene {
  /** Where each edge end is, by node id (absolute boxes, canvas coordinates). */
  readonly ends: ReadonlyMap<string, Rect>;
  /**
   * What no edge may cross: workload and external nodes, collapsed namespaces, and the header of
   * every namespace (its name and buttons). An edge's own end nodes are obstacles too; it leaves
   * them from a side.
   */
  readonly obstacles: readonly Rect[];
}

export interface EdgeToRoute {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface RouteOptions {
  /** Clearance between an edge and any obstacle (more than half an edge's hit area). */
  readonly margin?: number;
  /** Extra length a bend costs: higher gives straighter, longer routes. */
  readonly bendCost?: number;
  /** Extra cost, per unit of length, for each edge already on a stretch. */
  readonly crowdCost?: number;
}

type Side = 0 | 1 | 2 | 3; // right, left, down, up: also the direction of travel leaving that side
const DX = [1, -1, 0, 0] as const;
const DY = [0, 0, 1, -1] as const;
const OPPOSITE = [1, 0, 3, 2] as const;

function sortedUnique(values: readonly number[]): Float64Array {
  // A typed array sorts numbers natively: no comparator call per comparison (every routed edge
  // builds its own grid, a few hundred coordinates each).
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (n === 0 || v - (sorted[n - 1] as number) > 0.5) sorted[n++] = v;
  }
  return sorted.slice(0, n);
}

/** Index of the line at `v` (within half a pixel), or -1. */
function lineAt(lines: Float64Array, v: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = lines[mid]!;
    if (Math.abs(m - v) <= 0.5) return mid;
    if (m < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index whose line is ≥ v − ½, and last whose line is ≤ v + ½. */
function firstAtLeast(lines: Float64Array, v: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! < v - 0.5) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const lastAtMost = (lines: Float64Array, v: number) => firstAtLeast(lines, v + 1) - 1;

interface Port {
  readonly border: Point;
  readonly at: Point;
  readonly side: Side;
  /** Identifies the slot, to spread the edges of one node over its sides. */
  readonly key: string;
  /** Off-centre slots cost a little, so a lone edge leaves from the middle. */
  readonly offCentre: boolean;
}

/**
 * Where along a side edges may leave or arrive, preferred first. The middle of the top and bottom
 * sides is kept free: the canvas puts its drag handles there, and an edge over a handle would take
 * the click meant for it.
 */
const SLOTS_ACROSS = [0.3, 0.7, 0.15, 0.85] as const;
const SLOTS_DOWN = [0.5, 0.3, 0.7] as const;

function portsOf(id: string, box: Rect, margin: number): Port[] {
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  const out: Port[] = [];
  SLOTS_ACROSS.forEach((f, i) => {
    const x = box.x + box.width * f;
    const offCentre = i > 1;
    out.push(
      { border: { x, y: y1 }, at: { x, y: y1 + margin }, side: 2, key: `${id}|d|${f}`, offCentre },
      {
        border: { x, y: box.y },
        at: { x, y: box.y - margin },
        side: 3,
        key: `${id}|u|${f}`,
        offCentre,
      },
    );
  });
  SLOTS_DOWN.forEach((f, i) => {
    const y = box.y + box.height * f;
    const offCentre = i > 0;
    out.push(
      { border: { x: x1, y }, at: { x: x1 + margin, y }, side: 0, key: `${id}|r|${f}`, offCentre },
      {
        border: { x: box.x, y },
        at: { x: box.x - margin, y },
        side: 1,
        key: `${id}|l|${f}`,
        offCentre,
      },
    );
  });
  return out;
}

/** A min-heap of (priority, state) pairs in parallel typed arrays, kept between searches. */
class Heap {
  private keys = new Float64Array(1024);
  private vals = new Int32Array(1024);
  size = 0;
  clear(): void {
    this.size = 0;
  }
  peekKey(): number {
    return this.size > 0 ? this.keys[0]! : Infinity;
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      const vals = new Int32Array(this.size * 2);
      keys.set(this.keys);
      vals.set(this.vals);
      this.keys = keys;
      this.vals = vals;
    }
    const k = this.keys;
    const v = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): number {
    const k = this.keys;
    const v = this.vals;
    const top = v[0]!;
    const n = --this.size;
    if (n > 0) {
      const lastK = k[n]!;
      const lastV = v[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && k[r]! < k[l]! ? r : l;
        if (k[c]! >= lastK) break;
        k[i] = k[c]!;
        v[i] = v[c]!;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

/** Routed stretches by line, so later edges pay for running along earlier ones. */
class Traffic {
  /** Keyed by the line's rounded coordinate, doubled, plus 1 for horizontal lines. */
  private readonly lines = new Map<number, number[]>();

  private static key(horizontal: boolean, at: number): number {
    return Math.round(at) * 2 + (horizontal ? 1 : 0);
  }

  add(a: Point, b: Point): void {
    const horizontal = a.y === b.y;
    if (!horizontal && a.x !== b.x) return;
    const key = Traffic.key(horizontal, horizontal ? a.y : a.x);
    const [lo, hi] = horizontal
      ? [Math.min(a.x, b.x), Math.max(a.x, b.x)]
      : [Math.min(a.y, b.y), Math.max(a.y, b.y)];
    let spans = this.lines.get(key);
    if (!spans) this.lines.set(key, (spans = []));
    spans.push(lo, hi);
  }

  /** The stretches already on the line at `at` (pairs lo, hi), or null when it has none. */
  on(horizontal: boolean, at: number): readonly number[] | null {
    return this.lines.get(Traffic.key(horizontal, at)) ?? null;
  }

  /** How many of `spans` share the move from `lo` to `hi` along their line. */
  static count(spans: readonly number[] | null, lo: number, hi: number): number {
    if (!spans) return 0;
    let n = 0;
    for (let i = 0; i < spans.length; i += 2)
      if (spans[i]! < hi - 0.5 && spans[i + 1]! > lo + 0.5) n++;
    return n;
  }
}

/**
 * The search's per-state arrays, kept between searches: a state's cost is set only when its stamp
 * is the current search's, so nothing is cleared or allocated for each edge.
 */
class SearchState {
  stamp = new Uint32Array(0);
  closed = new Uint32Array(0);
  g = new Float64Array(0);
  prev = new Int32Array(0);
  /** Per grid point: the heuristic, valid when `hStamp` is the current generation. */
  hStamp = new Uint32Array(0);
  h = new Float64Array(0);
  /** Per grid point: the current generation when a goal port is there. */
  goal = new Uint32Array(0);
  generation = 0;

  begin(states: number): void {
    if (this.stamp.length < states) {
      const size = Math.max(states, this.stamp.length * 2);
      this.stamp = new Uint32Array(size);
      this.closed = new Uint32Array(size);
      this.g = new Float64Array(size);
      this.prev = new Int32Array(size);
      const points = Math.ceil(size / 4);
      this.hStamp = new Uint32Array(points);
      this.h = new Float64Array(points);
      this.goal = new Uint32Array(points);
      this.generation = 0;
    }
    this.generation++;
  }

  cost(s: number): number {
    return this.stamp[s] === this.generation ? this.g[s]! : Infinity;
  }

  set(s: number, cost: number, from: number): void {
    this.stamp[s] = this.generation;
    this.g[s] = cost;
    this.prev[s] = from;
  }
}

/** Obstacles in square buckets, to find those near an edge without scanning them all. */
class Buckets {
  private readonly cells = new Map<string, number[]>();
  private static readonly SIZE = 320;

  constructor(private readonly rects: readonly Rect[]) {
    rects.forEach((r, i) => {
      for (const key of Buckets.keys(r)) {
        let list = this.cells.get(key);
        if (!list) this.cells.set(key, (list = []));
        list.push(i);
      }
    });
  }

  private static *keys(r: Rect): Generator<string> {
    const s = Buckets.SIZE;
    for (let gx = Math.floor(r.x / s); gx <= Math.floor((r.x + r.width) / s); gx++)
      for (let gy = Math.floor(r.y / s); gy <= Math.floor((r.y + r.height) / s); gy++)
        yield `${gx},${gy}`;
  }

  /** The rectangles that overlap the window (or touch it). */
  within(window: Rect): Rect[] {
    const hit = new Set<number>();
    for (const key of Buckets.keys(window)) for (const i of this.cells.get(key) ?? []) hit.add(i);
    const out: Rect[] = [];
    for (const i of hit) {
      const r = this.rects[i]!;
      if (
        r.x <= window.x + window.width &&
        r.x + r.width >= window.x &&
        r.y <= window.y + window.height &&
        r.y + r.height >= window.y
      )
        out.push(r);
    }
    return out;
  }
}

/**
 * The routing grid of one edge: lines along the margins of the obstacles in its window, through
 * its ends' port slots, and along the window's own border.
 */
class Grid {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly nx: number;
  readonly ny: number;
  /** Per point: strictly inside an obstacle's margin. */
  readonly pointBlocked: Uint8Array;
  /** Per point: the move to the next point right / down crosses an obstacle's margin. */
  readonly hBlocked: Uint8Array;
  readonly vBlocked: Uint8Array;

  constructor(inflated: readonly Rect[], ends: readonly Rect[], window: Rect, margin: number) {
    const xs: number[] = [window.x, window.x + window.width];
    const ys: number[] = [window.y, window.y + window.height];
    const inX = (v: number) => v >= window.x && v <= window.x + window.width;
    const inY = (v: number) => v >= window.y && v <= window.y + window.height;
    for (const o of inflated) {
      if (inX(o.x)) xs.push(o.x);
      if (inX(o.x + o.width)) xs.push(o.x + o.width);
      if (inY(o.y)) ys.push(o.y);
      if (inY(o.y + o.height)) ys.push(o.y + o.height);
    }
    for (const b of ends) {
      xs.push(b.x - margin, b.x + b.width + margin);
      ys.push(b.y - margin, b.y + b.height + margin);
      for (const f of SLOTS_ACROSS) xs.push(b.x + b.width * f);
      for (const f of SLOTS_DOWN) ys.push(b.y + b.height * f);
    }
    this.xs = sortedUnique(xs);
    this.ys = sortedUnique(ys);
    this.nx = this.xs.length;
    this.ny = this.ys.length;
    const n = this.nx * this.ny;
    this.pointBlocked = new Uint8Array(n);
    this.hBlocked = new Uint8Array(n);
    this.vBlocked = new Uint8Array(n);
    for (const o of inflated) this.block(o);
  }

  private block(o: Rect): void {
    const { xs, ys, nx } = this;
    const i0 = firstAtLeast(xs, o.x);
    const i1 = lastAtMost(xs, o.x + o.width);
    const j0 = firstAtLeast(ys, o.y);
    const j1 = lastAtMost(ys, o.y + o.height);
    if (i0 > i1 || j0 > j1) return;
    // Lines strictly inside: those not on the obstacle's own margin lines.
    const inX = (i: number) => xs[i]! > o.x + 0.5 && xs[i]! < o.x + o.width - 0.5;
    const inY = (j: number) => ys[j]! > o.y + 0.5 && ys[j]! < o.y + o.height - 0.5;
    // A margin line outside the window still blocks: the first and last lines inside count.
    const leftOut = o.x < xs[i0]! - 0.5;
    const rightOut = o.x + o.width > xs[i1]! + 0.5;
    const topOut = o.y < ys[j0]! - 0.5;
    const bottomOut = o.y + o.height > ys[j1]! + 0.5;
    for (let j = j0; j <= j1; j++) {
      const rowInside =
        inY(j) ||
        (j === j0 && topOut && j < j1) ||
        (j === j1 && bottomOut && j > j0) ||
        (topOut && bottomOut);
      for (let i = i0; i <= i1; i++) {
        const colInside = inX(i) || (i === i0 && leftOut) || (i === i1 && rightOut);
        const p = j * nx + i;
        if (rowInside && i < i1) this.hBlocked[p] = 1;
        if (colInside && j < j1) this.vBlocked[p] = 1;
        if (rowInside && colInside) this.pointBlocked[p] = 1;
      }
    }
  }

  pointOf(x: number, y: number): number {
    const i = lineAt(this.xs, x);
    const j = lineAt(this.ys, y);
    return i < 0 || j < 0 ? -1 : j * this.nx + i;
  }
}

/** How far around its ends an edge first looks for a route, then further. */
const WINDOWS = [160, 480, 1600];

class Router {
  private readonly inflated: Rect[];
  private readonly buckets: Buckets;
  private readonly traffic = new Traffic();
  private readonly heap = new Heap();
  private readonly state = new SearchState();
  /** Edges already leaving or arriving at each port slot. */
  private readonly portUse = new Map<string, number>();
  /** Each end's port slots, made once per routing (a selection's flows all share one end). */
  private readonly ports = new Map<string, readonly Port[]>();

  private portsAt(id: string, box: Rect): readonly Port[] {
    let list = this.ports.get(id);
    if (!list) this.ports.set(id, (list = portsOf(id, box, this.margin)));
    return list;
  }

  constructor(
    private readonly scene: RoutingScene,
    private readonly margin: number,
    private readonly bendCost: number,
    private readonly crowdCost: number,
  ) {
    this.inflated = scene.obstacles.map((o) => inflate(o, margin));
    this.buckets = new Buckets(this.inflated);
  }

  /**
   * Takes a route found before as if this router had just found it: its stretches count as
   * traffic and its end slots as used, so the edges routed after it spread around it.
   */
  keep(edge: EdgeToRoute, route: readonly Point[]): void {
    if (edge.source === edge.target || route.length < 2) return;
    const from = this.scene.ends.get(edge.source);
    const to = this.scene.ends.get(edge.target);
    if (!from || !to) return;
    const slot = (id: string, box: Rect, at: Point) =>
      this.portsAt(id, box).find((p) => p.border.x === at.x && p.border.y === at.y);
    for (const port of [slot(edge.source, from, route[0]!), slot(edge.target, to, route.at(-1)!)])
      if (port) this.portUse.set(port.key, (this.portUse.get(port.key) ?? 0) + 1);
    for (let k = 1; k < route.length; k++) this.traffic.add(route[k - 1]!, route[k]!);
  }

  route(edge: EdgeToRoute): Point[] | null {
    const from = this.scene.ends.get(edge.source);
    const to = this.scene.ends.get(edge.target);
    if (!from || !to) return null;
    if (edge.source === edge.target) return selfLoop(from);
    const x0 = Math.min(from.x, to.x);
    const y0 = Math.min(from.y, to.y);
    const x1 = Math.max(from.x + from.width, to.x + to.width);
    const y1 = Math.max(from.y + from.height, to.y + to.height);
    for (const grow of WINDOWS) {
      const window = {
        x: x0 - grow,
        y: y0 - grow,
        width: x1 - x0 + 2 * grow,
        height: y1 - y0 + 2 * grow,
      };
      const grid = new Grid(this.buckets.within(window), [from, to], window, this.margin);
      const route = this.search(grid, edge, from, to);
      if (route) return route;
    }
    return null;
  }

  private search(grid: Grid, edge: EdgeToRoute, from: Rect, to: Rect): Point[] | null {
    const { nx, xs, ys } = grid;
    const starts = this.portsAt(edge.source, from)
      .map((port) => ({ port, p: grid.pointOf(port.at.x, port.at.y) }))
      .filter(({ p }) => p >= 0 && !grid.pointBlocked[p]);
    const goals = this.portsAt(edge.target, to)
      .map((port) => ({ port, p: grid.pointOf(port.at.x, port.at.y) }))
      .filter(({ p }) => p >= 0 && !grid.pointBlocked[p]);
    if (starts.length === 0 || goals.length === 0) return null;
    const portCost = (port: Port) =>
      (port.offCentre ? this.bendCost / 4 : 0) + (this.portUse.get(port.key) ?? 0) * this.bendCost;
    const st = this.state;
    st.begin(nx * grid.ny * 4);
    const gen = st.generation;
    const closed = st.closed;
    const goalAt = new Map<number, Port>();
    const isGoal = st.goal;
    for (const { port, p } of goals) {
      const known = goalAt.get(p);
      if (!known || portCost(port) < portCost(known)) goalAt.set(p, port);
      isGoal[p] = gen;
    }
    // The distance to the nearest goal port, once per grid point.
    const gx = Float64Array.from(goals, ({ port }) => port.at.x);
    const gy = Float64Array.from(goals, ({ port }) => port.at.y);
    const hStamp = st.hStamp;
    const hVal = st.h;
    const h = (p: number) => {
      if (hStamp[p] === gen) return hVal[p]!;
      const i = p % nx;
      const x = xs[i]!;
      const y = ys[(p - i) / nx]!;
      let best = Infinity;
      for (let k = 0; k < gx.length; k++) {
        const d = Math.abs(gx[k]! - x) + Math.abs(gy[k]! - y);
        if (d < best) best = d;
      }
      hStamp[p] = gen;
      hVal[p] = best;
      return best;
    };

    // The stretches already routed along each grid line: the traffic does not change during a search.
    const rows = Array.from(ys, (y) => this.traffic.on(true, y));
    const cols = Array.from(xs, (x) => this.traffic.on(false, x));
    const heap = this.heap;
    heap.clear();
    for (const { port, p } of starts) {
      const s = p * 4 + port.side;
      const cost = portCost(port);
      if (st.cost(s) <= cost) continue;
      st.set(s, cost, -1);
      heap.push(cost + h(p), s);
    }
    let bestEnd = -1;
    let bestCost = Infinity;
    while (heap.size > 0) {
      if (heap.peekKey() >= bestCost) break;
      const s = heap.pop();
      if (closed[s] === gen) continue;
      closed[s] = gen;
      const p = s >> 2;
      const dir = (s & 3) as Side;
      const gs = st.g[s]!;
      const goal = isGoal[p] === gen ? goalAt.get(p) : undefined;
      if (goal) {
        // Arriving at the port, the edge turns into the node against that side's direction.
        const finish = gs + (dir === OPPOSITE[goal.side] ? 0 : this.bendCost) + portCost(goal);
        if (finish < bestCost) {
          bestCost = finish;
          bestEnd = s;
        }
      }
      const i = p % nx;
      const j = (p - i) / nx;
      for (let d = 0 as Side; d < 4; d = (d + 1) as Side) {
        if (d === OPPOSITE[dir]) continue;
        const ni = i + DX[d];
        const nj = j + DY[d];
        if (ni < 0 || nj < 0 || ni >= nx || nj >= grid.ny) continue;
        const q = nj * nx + ni;
        if (grid.pointBlocked[q]) continue;
        let length: number;
        let used: number;
        if (d === 0 || d === 1) {
          if (grid.hBlocked[d === 0 ? p : q]) continue;
          const a = xs[i]!;
          const b = xs[ni]!;
          length = Math.abs(b - a);
          used = Traffic.count(rows[j]!, Math.min(a, b), Math.max(a, b));
        } else {
          if (grid.vBlocked[d === 2 ? p : q]) continue;
          const a = ys[j]!;
          const b = ys[nj]!;
          length = Math.abs(b - a);
          used = Traffic.count(cols[i]!, Math.min(a, b), Math.max(a, b));
        }
        const cost = gs + length * (1 + this.crowdCost * used) + (d === dir ? 0 : this.bendCost);
        const t = q * 4 + d;
        if (closed[t] === gen || st.cost(t) <= cost) continue;
        st.set(t, cost, s);
        heap.push(cost + h(q), t);
      }
    }
    if (bestEnd < 0) return null;
    const chain: number[] = [];
    for (let s = bestEnd; s >= 0; s = st.prev[s]!) chain.push(s);
    chain.reverse();
    const startState = chain[0]!;
    const start = starts
      .filter(({ p, port }) => p * 4 + port.side === startState)
      .sort((a, b) => portCost(a.port) - portCost(b.port))[0]!.port;
    const end = goalAt.get(bestEnd >> 2)!;
    for (const key of [start.key, end.key]) this.portUse.set(key, (this.portUse.get(key) ?? 0) + 1);
    const mid = chain.map((s) => {
      const p = s >> 2;
      return { x: xs[p % nx]!, y: ys[Math.floor(p / nx)]! };
    });
    const route = simplify([start.border, ...mid, end.border]);
    for (let k = 1; k < route.length; k++) this.traffic.add(route[k - 1]!, route[k]!);
    return route;
  }
}

/** A small loop off the node's right side, for a flow from a workload to itself. */
function selfLoop(box: Rect): Point[] {
  const x = box.x + box.width;
  const cy = box.y + box.height / 2;
  return [
    { x, y: cy - 12 },
    { x: x + 26, y: cy - 12 },
    { x: x + 26, y: cy + 12 },
    { x, y: cy + 12 },
  ];
}

/** The straight line between the facing sides of two boxes: the fallback when no route exists. */
export function directLine(from: Rect, to: Rect): Point[] {
  const c = (b: Rect) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const a = c(from);
  const b = c(to);
  const exit = (box: Rect, toward: Point): Point => {
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const dx = toward.x - cx;
    const dy = toward.y - cy;
    if (dx === 0 && dy === 0) return { x: cx, y: cy };
    const s = Math.min(
      dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
      dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
    );
    return { x: cx + dx * s, y: cy + dy * s };
  };
  return [exit(from, b), exit(to, a)];
}

/**
 * Routes every edge, in the order given (earlier edges get the straighter channels). An edge with
 * no route around the obstacles (its end boxed in) falls back to the straight line. `kept`: edges
 * routed before on this scene, with their routes, taken as they are (the new edges are routed
 * around them); they are not in the result.
 */
export function routeEdges(
  scene: RoutingScene,
  edges: readonly EdgeToRoute[],
  options: RouteOptions = {},
  kept: readonly { readonly edge: EdgeToRoute; readonly route: readonly Point[] }[] = [],
): Map<string, Point[]> {
  const router = new Router(
    scene,
    options.margin ?? 10,
    options.bendCost ?? 30,
    options.crowdCost ?? 0.6,
  );
  for (const { edge, route } of kept) router.keep(edge, route);
  const out = new Map<string, Point[]>();
  for (const e of edges) {
    const route = router.route(e);
    if (route) out.set(e.id, route);
    else {
      const from = scene.ends.get(e.source);
      const to = scene.ends.get(e.target);
      if (from && to) out.set(e.id, directLine(from, to));
    }
  }
  return out;
}
