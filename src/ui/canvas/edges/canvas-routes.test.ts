// The routes are computed again only when what routing reads changes.
import type { ReactFlowState } from '@xyflow/react';
import { describe, expect, it, vi } from 'vitest';
import { canvasRoutes } from './canvas-routes.ts';
import type * as RouteCanvas from '../../../view/route-canvas.ts';

// Counts the routings, to see which states were routed.
const routings = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../view/route-canvas.ts', async (original) => {
  const actual = await original<typeof RouteCanvas>();
  return {
    ...actual,
    routeCanvas: (...args: Parameters<typeof actual.routeCanvas>) => {
      routings.count++;
      return actual.routeCanvas(...args);
    },
  };
});

function state(edges: { id: string; source: string; target: string }[], x = 300): ReactFlowState {
  const node = (id: string, nx: number, ny: number) => ({
    id,
    type: 'workload',
    data: {},
    measured: { width: 160, height: 48 },
    internals: { positionAbsolute: { x: nx, y: ny } },
  });
  const nodes = [node('a', 0, 0), node('b', x, 0), node('c', 0, 200)];
  return {
    nodeLookup: new Map(nodes.map((n) => [n.id, n])),
    edges: edges.map((e) => ({ ...e, type: 'policy', data: {} })),
  } as unknown as ReactFlowState;
}

describe('canvasRoutes', () => {
  it('keeps the routes for a new model that draws the same edges, and routes a changed one', () => {
    const edges = [
      { id: 'e1', source: 'a', target: 'b' },
      { id: 'e2', source: 'c', target: 'b' },
    ];
    const first = canvasRoutes(state(edges));
    expect(first.get('e1')?.points.length).toBeGreaterThan(1);
    // New objects, the same edges: the same routes.
    expect(canvasRoutes(state(edges.map((e) => ({ ...e }))))).toBe(first);
    // An edge more, or a node moved: routed again.
    const more = canvasRoutes(state([...edges, { id: 'e3', source: 'a', target: 'c' }]));
    expect(more).not.toBe(first);
    expect(more.has('e3')).toBe(true);
    const moved = canvasRoutes(state([...edges, { id: 'e3', source: 'a', target: 'c' }], 500));
    expect(moved).not.toBe(more);
    expect(moved.get('e1')?.points).not.toEqual(more.get('e1')?.points);
  });

  it('routes only the states whose routes are read, from the last one routed', () => {
    const before = [{ id: 'e1', source: 'a', target: 'b' }];
    const after = [{ id: 'e2', source: 'c', target: 'b' }];
    const first = canvasRoutes(state(before, 300));
    first.get('e1');
    const count = routings.count;
    // React Flow takes new nodes, then new edges: the state in between is selected, never read.
    const between = canvasRoutes(state(before, 700));
    const settled = canvasRoutes(state(after, 700));
    expect(routings.count).toBe(count);
    expect(settled.get('e2')?.points.length).toBeGreaterThan(1);
    expect(settled.has('e1')).toBe(false);
    expect(routings.count).toBe(count + 1);
    // Read again: computed once.
    expect([...settled.keys()]).toEqual(['e2']);
    expect(routings.count).toBe(count + 1);
    // The same scene once more gives the very routes read last, not the unread ones.
    expect(
      canvasRoutes(
        state(
          after.map((e) => ({ ...e })),
          700,
        ),
      ),
    ).toBe(settled);
    expect(routings.count).toBe(count + 1);
    expect(between).not.toBe(settled);
  });
});
