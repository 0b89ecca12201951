// The worker's model (no edges) answers what the canvas's model answers.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { canvasModelOf, engineModelOf, flowsOf } from './canvas-model.ts';
import { nextTask } from './steps.ts';
import { EXAMPLES } from '../ui/examples/examples.ts';
import { LEGIBILITY_WORKSPACES } from '../../fixtures/legibility-workspaces.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import type { ExternalNetwork } from '../model/types.ts';

const WORKSPACES: readonly { name: string; yaml: string }[] = [
  ...EXAMPLES.map((e) => ({ name: e.id, yaml: e.yaml })),
  ...LEGIBILITY_WORKSPACES.map((w) => ({ name: w.id, yaml: w.yaml })),
  { name: 'synthetic 4×6', yaml: syntheticWorkspace(4, 6, 5) },
];

const PLACED: readonly ExternalNetwork[] = [{ cidr: '198.51.100.0/24', name: 'partner' }];
const EVERY_POD = 'ext:cluster';

describe('engineModelOf', () => {
  it.each(WORKSPACES)(
    'has the canvas model’s nodes and flows, without edges: $name',
    ({ yaml }) => {
      const ws = readWorkspace(yaml);
      const drawn = canvasModelOf(ws, PLACED);
      const engine = engineModelOf(ws, PLACED);
      expect(engine.graph.edges).toEqual([]);
      expect(drawn.graph.edges.length).toBeGreaterThan(0);
      // Same nodes in the same order, external networks named only by rules included; not the
      // node that stands for every pod (an endpoint of no flow), which only edges need.
      expect(engine.graph.nodes).toEqual(drawn.graph.nodes.filter((n) => n.id !== EVERY_POD));
      expect(engine.graph.nodes.some((n) => n.id === EVERY_POD)).toBe(false);
      for (const n of drawn.graph.nodes) {
        if (n.data.kind !== 'workload') continue;
        expect(flowsOf(engine, n.id)).toEqual(flowsOf(drawn, n.id));
      }
    },
  );

  it('is cached per parse and placed networks', () => {
    const ws = readWorkspace(syntheticWorkspace(2, 3, 2));
    expect(engineModelOf(ws, PLACED)).toBe(engineModelOf(ws, PLACED));
    expect(engineModelOf(ws, [])).not.toBe(engineModelOf(ws, PLACED));
  });
});

describe('canvasModelOf.prepare', () => {
  it('builds over tasks the model canvasModelOf then returns, equal to one built at once', async () => {
    const yaml = syntheticWorkspace(6, 8, 4);
    const ws = readWorkspace(yaml);
    // Other tasks run while it is built (slices of 0 ms: one step per task).
    let done = false;
    let others = 0;
    const other = (async () => {
      while (!done) {
        await nextTask();
        others++;
      }
    })();
    const prepared = await canvasModelOf.prepare(ws, PLACED, { sliceMs: 0 });
    done = true;
    await other;
    expect(others).toBeGreaterThan(3);
    // Cached: the render that draws the read finds it built.
    expect(canvasModelOf(ws, PLACED)).toBe(prepared);
    const fresh = canvasModelOf(readWorkspace(yaml), PLACED);
    expect(prepared.graph.nodes).toEqual(fresh.graph.nodes);
    expect(prepared.graph.edges).toEqual(fresh.graph.edges);
    expect(prepared.workspace).toEqual(fresh.workspace);
  });
});
