// The router's own promises: ends on the boxes' borders, never at the handles' spots, spread over
// a node's sides, and a straight fallback when an end is boxed in.
import { describe, expect, it } from 'vitest';
import { routeEdges } from './route-edges.ts';
import type { Rect } from './geometry.ts';

const box = (x: number, y: number): Rect => ({ x, y, width: 200, height: 96 });

describe('routeEdges', () => {
  const ends = new Map([
    ['a', box(0, 0)],
    ['b', box(0, 300)],
    ['c', box(300, 300)],
    ['d', box(-300, 300)],
  ]);
  const scene = { ends, obstacles: [...ends.values()] };

  it('starts and ends every route on its boxes, never at the middle of a top or bottom side', () => {
    const routes = routeEdges(scene, [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'ac', source: 'a', target: 'c' },
      { id: 'ad', source: 'a', target: 'd' },
    ]);
    for (const [id, points] of routes) {
      const from = ends.get(id[0]!)!;
      const to = ends.get(id[1]!)!;
      const onBorder = (p: { x: number; y: number }, r: Rect) =>
        (p.x >= r.x && p.x <= r.x + r.width && (p.y === r.y || p.y === r.y + r.height)) ||
        (p.y >= r.y && p.y <= r.y + r.height && (p.x === r.x || p.x === r.x + r.width));
      const first = points[0]!;
      const last = points[points.length - 1]!;
      expect(onBorder(first, from), id).toBe(true);
      expect(onBorder(last, to), id).toBe(true);
      for (const [p, r] of [
        [first, from],
        [last, to],
      ] as const)
        if (p.y === r.y || p.y === r.y + r.height) expect(p.x).not.toBe(r.x + r.width / 2);
    }
  });

  it('spreads the edges leaving one node over different spots', () => {
    const routes = routeEdges(scene, [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'ac', source: 'a', target: 'c' },
      { id: 'ad', source: 'a', target: 'd' },
    ]);
    const starts = [...routes.values()].map((p) => `${p[0]!.x},${p[0]!.y}`);
    expect(new Set(starts).size).toBe(3);
  });

  it('falls back to a straight line when an end is boxed in', () => {
    const walled = new Map([
      ['a', box(0, 0)],
      ['z', box(1000, 0)],
    ]);
    const wall: Rect = { x: -50, y: -50, width: 300, height: 196 };
    const routes = routeEdges(
      {
        ends: walled,
        obstacles: [...walled.values(), { ...wall, x: -60, y: -60, width: 320, height: 216 }],
      },
      [{ id: 'az', source: 'a', target: 'z' }],
    );
    expect(routes.get('az')).toHaveLength(2);
  });
});
