// React Flow compares nodes and edges by identity: after an edit, what the edit did not change
// must keep its object, or every node and edge re-renders.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../../model/infer-workloads.ts';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { buildGraph } from '../../view/build-graph.ts';
import { flowsFor } from '../../view/flows.ts';
import { buildEngineIndex } from '../../engine/evaluate.ts';
import { gridLayout } from '../graph/layout.ts';
import { syntheticWorkspace } from '../../../fixtures/synthetic-workspace.ts';
import type { FlowSummary } from '../../view/graph-types.ts';
import { contrastOnWhite, policyColor, toFlowEdges, toFlowNodes } from './to-flow.ts';

const graphOf = (text: string) => buildGraph(withInferred(readWorkspace(text)));

describe('toFlowNodes and toFlowEdges across an edit', () => {
  it('keep the objects of unchanged nodes and edges, even when their text moved', () => {
    const text = syntheticWorkspace(3, 4, 2);
    // A comment at the top moves every source range, and a new label changes the first svc-1.
    const edited = `# moved\n${text.replace('app: svc-1\n        tier: t1', 'app: svc-1\n        tier: t1\n        new: label')}`;
    const before = graphOf(text);
    const after = graphOf(edited);
    const layout = gridLayout(before);
    const n1 = toFlowNodes(before, layout, {});
    const n2 = toFlowNodes(after, layout, {});
    const changed = n2.filter((n, i) => n !== n1[i]).map((n) => n.id);
    expect(changed).toEqual(['team-0/svc-1']);
    const e1 = toFlowEdges(before, [], null);
    const e2 = toFlowEdges(after, [], null);
    expect(e2.length).toBe(e1.length);
    expect(e2.filter((e, i) => e !== e1[i])).toEqual([]);
  });

  it("keep a faded node's data, so its component does not render again for the fading", () => {
    const graph = graphOf(syntheticWorkspace(2, 3, 2));
    const layout = gridLayout(graph);
    const plain = toFlowNodes(graph, layout, {});
    const faded = toFlowNodes(graph, layout, {}, new Set(['team-0/svc-1', 'team-1']));
    const back = toFlowNodes(graph, layout, {});
    for (const [i, n] of faded.entries()) {
      const was = plain[i];
      const isFaded = n.id === 'team-0/svc-1' || n.id === 'team-1';
      expect(n === was, n.id).toBe(!isFaded);
      expect(n.className?.split(' ').includes('dimmed') ?? false, n.id).toBe(isFaded);
      expect(n.data, n.id).toBe(was?.data);
      expect(back[i]?.data, n.id).toBe(was?.data);
    }
  });

  it('leave the rule edges out when asked (highlighting a dense canvas)', () => {
    const graph = graphOf(syntheticWorkspace(2, 3, 2));
    expect(toFlowEdges(graph, [], null, false)).toEqual([]);
    expect(toFlowEdges(graph, [], null).length).toBe(graph.edges.length);
  });
});

describe('toFlowEdges with the flows of an older model', () => {
  it('marks them pending, out of the keyboard and the accessibility tree, and no longer when current', () => {
    const graph = graphOf(syntheticWorkspace(2, 3, 2));
    const flows = flowsFor(
      graph,
      buildEngineIndex(withInferred(readWorkspace(syntheticWorkspace(2, 3, 2)))),
      'team-0/svc-1',
    );
    expect(flows.length).toBeGreaterThan(0);
    const pending = toFlowEdges(graph, flows, null, false, true);
    expect(pending.length).toBe(flows.length);
    for (const e of pending) {
      expect(e.data).toMatchObject({ pending: true });
      expect(e.focusable).toBe(false);
      expect(e.domAttributes).toEqual({ 'aria-hidden': true });
    }
    const current = toFlowEdges(graph, flows, null, false);
    for (const e of current) {
      expect(e.data && 'pending' in e.data).toBe(false);
      expect(e.focusable).toBe(true);
    }
    // The current edges keep their objects from one call to the next (React Flow compares them).
    expect(toFlowEdges(graph, flows, null, false)).toEqual(current);
    expect(toFlowEdges(graph, flows, null, false).every((e, i) => e === current[i])).toBe(true);
  });
});

describe('toFlowEdges with a namespace edge from the worker', () => {
  it('draws it from its counts without building its members, and keeps it while they hold', () => {
    const graph = graphOf(syntheticWorkspace(2, 3, 2));
    let reads = 0;
    const group = (allowed: number): FlowSummary =>
      Object.defineProperty(
        {
          id: 'flow|team-0/svc-1|ns:team-1',
          source: 'team-0/svc-1',
          target: 'ns:team-1',
          direction: 'out',
          ports: [],
          state: 'partial',
          ariaLabel: `flows to namespace team-1, 3 workloads: ${allowed} allowed`,
          counts: { allowed, partial: 0, denied: 3 - allowed },
        },
        'members',
        {
          enumerable: true,
          get: () => {
            reads++;
            return [];
          },
        },
      ) as FlowSummary;
    const [first] = toFlowEdges(graph, [group(1)], null, false);
    const [same] = toFlowEdges(graph, [group(1)], null, false);
    const [other] = toFlowEdges(graph, [group(2)], null, false);
    expect(reads).toBe(0);
    expect(same).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('policyColor', () => {
  it('reads on the white labels at every hue (WCAG AA for small text)', () => {
    // Known values: white on black is 21:1; pure blue hsl(240 100% 50%) is 8.6:1.
    expect(contrastOnWhite(0, 0, 0)).toBeCloseTo(21, 1);
    expect(contrastOnWhite(240, 100, 50)).toBeCloseTo(8.59, 1);
    for (let hue = 0; hue < 360; hue++) {
      const [, , s, l] = /hsl\((\d+) (\d+)% (\d+)%\)/.exec(policyColor(hue))!;
      expect(contrastOnWhite(hue, Number(s), Number(l))).toBeGreaterThanOrEqual(4.5);
    }
    // Blues keep the lighter shade; yellows get a darker one.
    expect(policyColor(220)).toBe('hsl(220 62% 40%)');
    expect(policyColor(60)).not.toBe('hsl(60 62% 40%)');
  });
});
