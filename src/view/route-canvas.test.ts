// Legibility as a property of the laid-out picture: on the built-in examples (laid out by ELK as
// the canvas does) and on random scenes, no edge passes through a node that is not its end, no
// label overlaps another label, a node or a namespace header.
import ELK from 'elkjs/lib/elk.bundled.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildGraph } from './build-graph.ts';
import { EXAMPLES } from '../ui/examples/examples.ts';
import { elkLayout } from '../ui/graph/layout.ts';
import type { Layout } from '../ui/graph/layout.ts';
import type { Graph } from './graph-types.ts';
import { inflate, overlapArea, rectAround, segmentCrossesRect } from './geometry.ts';
import type { Rect } from './geometry.ts';
import { obstaclesOf, routeCanvas } from './route-canvas.ts';
import type { RoutedEdge, RoutedScene, SceneEdge, SceneNode } from './route-canvas.ts';

const LABEL = { width: 90, height: 18 };

/** Absolute boxes from a layout whose children are relative to their namespace. */
function sceneOf(graph: Graph, layout: Layout): SceneNode[] {
  const abs = new Map<string, Rect>();
  return graph.nodes.map((n) => {
    const b = layout[n.id] ?? { x: 0, y: 0 };
    const parent = n.parent ? abs.get(n.parent) : undefined;
    const box = {
      x: b.x + (parent?.x ?? 0),
      y: b.y + (parent?.y ?? 0),
      width: b.width ?? n.width,
      height: b.height ?? n.height,
    };
    abs.set(n.id, box);
    return { id: n.id, kind: n.data.kind, box };
  });
}

interface Defects {
  crossings: string[];
  labelOverlaps: string[];
  /** Labels left out for want of a free spot. */
  unplaced: string[];
}

function defects(
  nodes: readonly SceneNode[],
  edges: readonly SceneEdge[],
  previous?: RoutedScene,
): Defects & { routed: ReadonlyMap<string, RoutedEdge> } {
  const routed = routeCanvas(nodes, edges, {}, previous);
  const crossings: string[] = [];
  const labelOverlaps: string[] = [];
  const unplaced: string[] = [];
  const obstacles = nodes.map((n, i) => ({ n, r: obstaclesOf(nodes)[i]! }));
  const labels: { id: string; r: Rect }[] = [];
  for (const e of edges) {
    const route = routed.get(e.id);
    // An optional edge may have no route (it is then not drawn).
    if (e.optional && !route) continue;
    expect(route, e.id).toBeDefined();
    const pts = route!.points;
    for (const { n, r } of obstacles) {
      if (n.id === e.source || n.id === e.target) continue;
      const shrunk = inflate(r, -1);
      for (let i = 1; i < pts.length; i++)
        if (segmentCrossesRect(pts[i - 1]!, pts[i]!, shrunk)) {
          crossings.push(`${e.id} through ${n.id}`);
          break;
        }
    }
    if (e.label && !route!.label) unplaced.push(e.id);
    if (e.label && route!.label)
      labels.push({ id: e.id, r: rectAround(route!.label, e.label.width, e.label.height) });
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (overlapArea(labels[i]!.r, labels[j]!.r) > 0)
        labelOverlaps.push(`${labels[i]!.id} × ${labels[j]!.id}`);
    for (const { n, r } of obstacles)
      if (overlapArea(labels[i]!.r, r) > 0) labelOverlaps.push(`${labels[i]!.id} over ${n.id}`);
  }
  return { crossings, labelOverlaps, unplaced, routed };
}

describe('routeCanvas on the built-in examples, laid out by ELK', () => {
  const elk = new ELK();
  for (const example of EXAMPLES) {
    it(`${example.title}: every policy edge clear of other nodes, labels clear`, async () => {
      const graph = buildGraph(withInferred(readWorkspace(example.yaml)));
      const layout = await elkLayout(elk, graph);
      const nodes = sceneOf(graph, layout);
      const edges = graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: LABEL,
      }));
      expect(edges.length).toBeGreaterThan(0);
      expect(defects(nodes, edges)).toMatchObject({
        crossings: [],
        labelOverlaps: [],
        unplaced: [],
      });
    });
  }
});

function grid(cols: number, rows: number, jitter: readonly number[]): SceneNode[] {
  const nodes: SceneNode[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const k = r * cols + c;
      nodes.push({
        id: `n${k}`,
        kind: 'workload',
        box: { x: c * 360 + jitter[k]!, y: r * 200 + jitter[29 - k]!, width: 200, height: 96 },
      });
    }
  return nodes;
}

function edgesOf(
  nodes: readonly SceneNode[],
  pairs: readonly [number, number][],
  from: number,
): SceneEdge[] {
  return pairs
    .map(([a, b], i) => ({
      id: `e${from + i}`,
      source: `n${a % nodes.length}`,
      target: `n${b % nodes.length}`,
      label: LABEL,
    }))
    .filter((e) => e.source !== e.target);
}

describe('routeCanvas from the previous scene', () => {
  it('gives the very same routes for the same scene, new ones once a label is wider', () => {
    const nodes = grid(3, 2, new Array<number>(30).fill(0));
    const edges = [{ id: 'e0', source: 'n0', target: 'n5', label: LABEL }];
    const routes = routeCanvas(nodes, edges);
    // New objects that say the same (a new model drawing the same edges).
    const again = structuredClone({ nodes, edges });
    expect(routeCanvas(again.nodes, again.edges, {}, { nodes, edges, routes })).toBe(routes);
    const wider = [{ ...edges[0]!, label: { ...LABEL, width: LABEL.width + 40 } }];
    const relabelled = routeCanvas(nodes, wider, {}, { nodes, edges, routes });
    expect(relabelled).not.toBe(routes);
    expect(relabelled.get('e0')?.labelSize).toEqual(wider[0]!.label);
  });
  it('keeps routes inside a namespace that grew: only its header is in the way', () => {
    const ns = (height: number): SceneNode => ({
      id: 'ns',
      kind: 'namespace',
      box: { x: 0, y: 0, width: 700, height },
    });
    const w = (id: string, x: number, y: number): SceneNode => ({
      id,
      kind: 'workload',
      box: { x, y, width: 200, height: 96 },
    });
    const before = [ns(400), w('a', 20, 150), w('b', 400, 150), w('c', 20, 290)];
    // A workload added at the bottom: the namespace grows downwards, its header stays.
    const after = [ns(560), w('a', 20, 150), w('b', 400, 150), w('c', 20, 290), w('d', 400, 440)];
    const edges = [
      { id: 'ab', source: 'a', target: 'b', label: LABEL },
      { id: 'ac', source: 'a', target: 'c', label: LABEL },
    ];
    const routes = routeCanvas(before, edges);
    const again = routeCanvas(
      after,
      [...edges, { id: 'cd', source: 'c', target: 'd' }],
      {},
      {
        nodes: before,
        edges,
        routes,
      },
    );
    expect(again.get('ab')?.points).toBe(routes.get('ab')?.points);
    expect(again.get('ac')?.points).toBe(routes.get('ac')?.points);
    expect(again.get('cd')?.points.length).toBeGreaterThan(1);
  });

  it('routes a new edge around the kept ones as a routing of all of them would', () => {
    const nodes = grid(3, 2, new Array<number>(30).fill(0));
    const first = { id: 'e0', source: 'n0', target: 'n5', label: LABEL };
    const second = { id: 'e1', source: 'n0', target: 'n5', label: LABEL };
    const together = routeCanvas(nodes, [first, second]);
    const alone = routeCanvas(nodes, [first]);
    const added = routeCanvas(nodes, [first, second], {}, { nodes, edges: [first], routes: alone });
    // The second parallel edge leaves by another slot and runs beside the first, not over it.
    expect(added.get('e1')?.points).toEqual(together.get('e1')?.points);
    expect(added.get('e1')?.points).not.toEqual(alone.get('e0')?.points);
  });

  it('keeps the routes of edges that stayed, routes the new ones around every node', () => {
    const scene = fc.record({
      cols: fc.integer({ min: 2, max: 5 }),
      rows: fc.integer({ min: 2, max: 4 }),
      jitter: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 30, maxLength: 30 }),
      pairs: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { minLength: 1, maxLength: 10 }),
      added: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 5 }),
      dropped: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    });
    fc.assert(
      fc.property(scene, ({ cols, rows, jitter, pairs, added, dropped }) => {
        const nodes = grid(cols, rows, jitter);
        const before = edgesOf(nodes, pairs, 0);
        const routes = routeCanvas(nodes, before);
        // An edit: some edges go, new ones come (new ids), the nodes stay.
        const stayed = before.filter((_, i) => !dropped[i]);
        const after = [...stayed, ...edgesOf(nodes, added, 100)];
        const found = defects(nodes, after, { nodes, edges: before, routes });
        for (const e of stayed)
          expect(found.routed.get(e.id)?.points).toBe(routes.get(e.id)?.points);
        expect(found.crossings).toEqual([]);
        expect(found.labelOverlaps).toEqual([]);
        // An edge that keeps its id but changes an end is routed anew, to its new end.
        const first = stayed[0];
        if (first) {
          const target = first.target === 'n0' ? 'n1' : 'n0';
          const retargeted = [{ ...first, target }, ...after.slice(1)];
          const r = routeCanvas(nodes, retargeted, {}, { nodes, edges: before, routes });
          const end = r.get(first.id)!.points.at(-1)!;
          const box = nodes.find((n) => n.id === target)!.box;
          expect(end.x >= box.x && end.x <= box.x + box.width).toBe(true);
          expect(end.y >= box.y && end.y <= box.y + box.height).toBe(true);
        }
        // One node moved: the edges at it or passing near where it was or is are routed anew,
        // clear of it; the others keep their routes.
        const old = nodes[0]!.box;
        const box = { ...old, y: old.y + 7 };
        const one = nodes.map((n, i) => (i === 0 ? { ...n, box } : n));
        const dragged = defects(one, after, { nodes, edges: before, routes });
        expect(dragged.crossings).toEqual([]);
        expect(dragged.labelOverlaps).toEqual([]);
        const near = (points: readonly { x: number; y: number }[]) =>
          [old, box].some((b) =>
            points.some(
              (p, k) =>
                k > 0 &&
                Math.max(p.x, points[k - 1]!.x) >= b.x - 12 &&
                Math.min(p.x, points[k - 1]!.x) <= b.x + b.width + 12 &&
                Math.max(p.y, points[k - 1]!.y) >= b.y - 12 &&
                Math.min(p.y, points[k - 1]!.y) <= b.y + b.height + 12,
            ),
          );
        for (const e of stayed) {
          const was = routes.get(e.id)!.points;
          if (e.source !== 'n0' && e.target !== 'n0' && !near(was))
            expect(dragged.routed.get(e.id)?.points).toBe(was);
          else expect(dragged.routed.get(e.id)?.points).not.toBe(was);
        }
        // Most nodes moved: nothing is kept, the routing is the fresh one.
        const moved = nodes.map((n) => ({ ...n, box: { ...n.box, x: n.box.x + 40 } }));
        const again = routeCanvas(moved, after, {}, { nodes, edges: before, routes });
        expect(again).toEqual(routeCanvas(moved, after));
      }),
      { numRuns: 40 },
    );
  });
});

describe('routeCanvas with optional edges (flows being computed again)', () => {
  it('never routes an optional edge: it keeps a route it can keep, or has none', () => {
    const scene = fc.record({
      cols: fc.integer({ min: 2, max: 5 }),
      rows: fc.integer({ min: 2, max: 4 }),
      jitter: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 30, maxLength: 30 }),
      pairs: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { minLength: 1, maxLength: 10 }),
      optional: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      dy: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(scene, ({ cols, rows, jitter, pairs, optional, dy }) => {
        const nodes = grid(cols, rows, jitter);
        const before = edgesOf(nodes, pairs, 0);
        const routes = routeCanvas(nodes, before);
        const after = before.map((e, i) => (optional[i] ? { ...e, optional: true } : e));
        const isOptional = (id: string) => after.some((e) => e.id === id && e.optional);
        // No previous scene: the optional edges are left out, the others routed as usual.
        const alone = routeCanvas(nodes, after);
        for (const e of after) expect(alone.has(e.id)).toBe(!e.optional);
        // Nothing moved: every edge keeps its route.
        const still = routeCanvas(nodes, after, {}, { nodes, edges: before, routes });
        for (const e of after) expect(still.get(e.id)?.points).toBe(routes.get(e.id)?.points);
        // One node moved: an optional edge that would need a new route has none; a kept one is
        // the very route it had; the others are routed clear of every node.
        const one = nodes.map((n, i) =>
          i === 0 ? { ...n, box: { ...n.box, y: n.box.y + dy } } : n,
        );
        const found = defects(one, after, { nodes, edges: before, routes });
        expect(found.crossings).toEqual([]);
        expect(found.labelOverlaps).toEqual([]);
        const routed = found.routed;
        for (const e of after) {
          if (!e.optional) expect(routed.has(e.id)).toBe(true);
          else if (routed.has(e.id))
            expect(routed.get(e.id)?.points).toBe(routes.get(e.id)?.points);
          if (e.optional && (e.source === 'n0' || e.target === 'n0'))
            expect(routed.has(e.id)).toBe(false);
        }
        // Most nodes moved: no optional edge is drawn.
        const moved = nodes.map((n) => ({ ...n, box: { ...n.box, x: n.box.x + 40 } }));
        const again = routeCanvas(moved, after, {}, { nodes, edges: before, routes });
        expect([...again.keys()].filter(isOptional)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('routeCanvas on random scenes', () => {
  it('routes every edge around the nodes that are not its ends, labels never overlapping', () => {
    const scene = fc.record({
      cols: fc.integer({ min: 2, max: 6 }),
      rows: fc.integer({ min: 2, max: 5 }),
      jitter: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 30, maxLength: 30 }),
      pairs: fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { minLength: 1, maxLength: 14 }),
    });
    fc.assert(
      fc.property(scene, ({ cols, rows, jitter, pairs }) => {
        const nodes = grid(cols, rows, jitter);
        const edges = edgesOf(nodes, pairs, 0);
        const found = defects(nodes, edges);
        expect(found.crossings).toEqual([]);
        expect(found.labelOverlaps).toEqual([]);
        // A label is left out only where three or more edges join the same two nodes: the
        // short stretch between them has no room for all their labels.
        const joined = new Map<string, number>();
        const pair = (e: { source: string; target: string }) =>
          [e.source, e.target].sort().join('|');
        for (const e of edges) joined.set(pair(e), (joined.get(pair(e)) ?? 0) + 1);
        for (const id of found.unplaced) {
          const e = edges.find((x) => x.id === id)!;
          expect(joined.get(pair(e)), id).toBeGreaterThanOrEqual(3);
        }
      }),
      { numRuns: 60 },
    );
  });
});
